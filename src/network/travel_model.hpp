#pragma once
/// How long a resident needs to reach a site: the interface the coverage
/// layer uses, with two implementations, the road network (RoadTravelModel)
/// and the crow-fly model (CrowFlyModel). Travel is always towards the site.

#include "core/ids.hpp"
#include "geo/types.hpp"
#include "network/road_graph.hpp"

#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace maillage::network {

/// Travel time (seconds) meaning "no site reachable".
inline constexpr std::uint32_t kUnreachable = std::numeric_limits<std::uint32_t>::max();

/// A place to route from or to: position in the working CRS (used by the road
/// model), WGS84 position (used by the crow-fly model) and an id for reports.
struct Place {
    geo::Point xy;
    geo::LonLat lonlat;
    std::string id;
};

/// Per demand point: its nearest site (by travel time) and the time. Ties go
/// to the site listed first (smallest index); the road model compares times
/// in deciseconds, before rounding to seconds.
struct NearestSites {
    std::vector<SiteId> site;           ///< kInvalid when none is reachable
    std::vector<std::uint32_t> time_s;  ///< kUnreachable when none is reachable
};

/// Compressed rows: source i covers demand[first[i] .. first[i+1]) within the
/// cutoff, with the travel times, sorted by demand id.
struct CoverageSets {
    std::vector<std::uint32_t> first{0};
    std::vector<DemandId> demand;
    std::vector<std::uint32_t> time_s;
    /// Pairs that passed the query's tests, stored or not.
    std::size_t pairs_found = 0;
    /// False when more than CoverageQuery::max_pairs were found: then only
    /// pairs_found is meaningful (the rows are cut short).
    bool complete = true;

    std::size_t row_count() const { return first.size() - 1; }
};

/// What TravelModel::coverage keeps.
struct CoverageQuery {
    /// Pairs whose time (rounded seconds) is at most this.
    std::uint32_t cutoff_s = 0;
    /// Optional, one entry per demand point: keep a pair only when its time
    /// is strictly below this (e.g. the time to the nearest existing site,
    /// which a pair no faster can never improve). Null: no such test.
    const std::vector<std::uint32_t>* faster_than = nullptr;
    /// Store at most this many pairs; beyond, the search goes on counting
    /// (CoverageSets::pairs_found) without storing, and `complete` is false.
    /// Lets a caller refuse an instance too large for the memory at hand
    /// with the exact size it would need.
    std::size_t max_pairs = std::numeric_limits<std::size_t>::max();

    /// Throws std::invalid_argument when faster_than does not hold one entry
    /// per demand point.
    void check(std::size_t demand_count) const {
        if (faster_than && faster_than->size() != demand_count)
            throw std::invalid_argument("coverage: faster_than has " + std::to_string(faster_than->size()) +
                                        " entries for " + std::to_string(demand_count) + " demand points");
    }
};

/// The transpose of coverage sets: demand j -> the sources covering it
/// (sorted by source id), with times. `demand_count` rows. O(entries).
CoverageSets transpose(const CoverageSets& sets, std::size_t demand_count);

/// A place the road model could not put on the network.
struct SnapIssue {
    std::string id;      ///< Place::id
    bool is_site = false; ///< a site/source (true) or a demand point (false)
    double distance_m = 0; ///< distance to the nearest road (infinity if none)
};

/// Places left unreachable because they are too far from any road. Never
/// silently dropped: the caller prints them.
struct SnapReport {
    std::size_t places = 0;           ///< places examined
    std::vector<SnapIssue> too_far;   ///< treated as unreachable
    double max_snapped_m = 0;         ///< largest distance among snapped places
};

class RoadTravelModel;
class CrowFlyModel;
class TravelModel;

/// What a computation that depends on the kind of model (e.g. isochrone
/// polygons: buffered roads or discs) implements; TravelModel::accept calls
/// the overload of the model's own kind.
class TravelModelVisitor {
  public:
    virtual ~TravelModelVisitor() = default;
    virtual void visit(const RoadTravelModel& model) = 0;
    virtual void visit(const CrowFlyModel& model) = 0;
    /// Any other model (e.g. a test's time table).
    virtual void visit_other(const TravelModel& model) = 0;
};

/// Interface of a travel model. Implementations are immutable once built;
/// their const methods may be called from several threads.
class TravelModel {
  public:
    virtual ~TravelModel() = default;
    /// One line saying which model produced a result, for every output, e.g.
    /// "road network car-fr from monaco.osm.pbf (1,234 nodes, 2,345 arcs)".
    virtual std::string describe() const = 0;
    /// Nearest site of every demand point and its travel time (one
    /// multi-source search for the road model). Places too far from a road
    /// are unreachable and listed in `report` if given.
    virtual NearestSites nearest(const std::vector<Place>& sites, const std::vector<Place>& demand,
                                 SnapReport* report = nullptr) const = 0;
    /// For each source (site or candidate): the demand points that reach it
    /// as `query` says (within its cutoff; bounded search per source).
    virtual CoverageSets coverage(const std::vector<Place>& sources, const std::vector<Place>& demand,
                                  const CoverageQuery& query, SnapReport* report = nullptr) const = 0;
    /// The same within `cutoff_s` seconds, every pair kept.
    CoverageSets coverage(const std::vector<Place>& sources, const std::vector<Place>& demand,
                          std::uint32_t cutoff_s, SnapReport* report = nullptr) const {
        return coverage(sources, demand, CoverageQuery{cutoff_s}, report);
    }

    /// Calls the visitor's overload for this model's kind.
    virtual void accept(TravelModelVisitor& visitor) const { visitor.visit_other(*this); }
};

/// Parameters of the road model.
struct RoadModelOptions {
    double offroad_speed_kmh = 15;   ///< speed of the access leg to the road
    double max_snap_m = 2000;        ///< farther than this from any road = unreachable
    /// Access leg length = distance to the road x this (local streets are not
    /// straight), in [1, 5]; 1 for a network that has the local streets.
    double access_circuity = 1;
};

class Snapper;

/// Travel on a road graph: places snap to the nearest road segment, the arc is
/// split at the projection (time in proportion), plus an off-road access leg.
/// Place::xy must be in the graph's CRS.
class RoadTravelModel : public TravelModel {
  public:
    /// Takes the graph; builds the segment R-tree (O(P log P), P shape points).
    explicit RoadTravelModel(RoadGraph graph, RoadModelOptions options = {});
    ~RoadTravelModel() override;

    std::string describe() const override;
    NearestSites nearest(const std::vector<Place>& sites, const std::vector<Place>& demand,
                         SnapReport* report = nullptr) const override;
    using TravelModel::coverage;
    CoverageSets coverage(const std::vector<Place>& sources, const std::vector<Place>& demand,
                          const CoverageQuery& query, SnapReport* report = nullptr) const override;

    void accept(TravelModelVisitor& visitor) const override { visitor.visit(*this); }

    const RoadGraph& graph() const { return m_graph; }
    const RoadModelOptions& options() const { return m_options; }
    /// The snapper the model places sites and demand with.
    const Snapper& snapper() const { return *m_snapper; }

  private:
    RoadGraph m_graph;
    RoadModelOptions m_options;
    std::unique_ptr<Snapper> m_snapper;
};

/// Parameters of the crow-fly model (defaults documented in docs/travel-models.md).
struct CrowFlyOptions {
    double circuity = 1.3;   ///< road distance / great-circle distance
    double speed_kmh = 50;   ///< average door-to-door speed
};

/// Travel time = great-circle distance x circuity / speed. Uses Place::lonlat.
class CrowFlyModel : public TravelModel {
  public:
    /// Throws UsageError if circuity < 1 or speed <= 0.
    explicit CrowFlyModel(CrowFlyOptions options = {});

    std::string describe() const override;
    NearestSites nearest(const std::vector<Place>& sites, const std::vector<Place>& demand,
                         SnapReport* report = nullptr) const override;
    using TravelModel::coverage;
    CoverageSets coverage(const std::vector<Place>& sources, const std::vector<Place>& demand,
                          const CoverageQuery& query, SnapReport* report = nullptr) const override;
    void accept(TravelModelVisitor& visitor) const override { visitor.visit(*this); }

    /// Time in seconds between two places (rounded to the nearest second).
    std::uint32_t time_s(const geo::LonLat& from, const geo::LonLat& to) const;
    const CrowFlyOptions& options() const { return m_options; }

  private:
    CrowFlyOptions m_options;
};

} // namespace maillage::network
