#pragma once
/// The geometry a loaded territory is built with: a commune's area dissolved
/// from its polygons (with envelope, area and centroid), and the cantons of a
/// commune from the canton polygons (the area shares of a split commune,
/// which share out its population). The loader (io/territory_loader) reads
/// the layers and reports what these find, naming files and rows.

#include "core/ids.hpp"
#include "geo/types.hpp"
#include "model/territory.hpp"

#include <vector>

namespace maillage {

/// Minimal share of a commune's area inside a canton for the commune to count
/// for that canton when resolved from polygons (filters slivers between
/// boundaries of different vintages and simplifications).
inline constexpr double kMinCantonShare = 0.02;

/// Minimal share of a commune's area inside the canton the composition table
/// gives it; less is a problem (the table or the canton codes are wrong).
/// Boundaries of different vintages and simplifications differ by slivers.
inline constexpr double kMinTableCantonShare = 0.5;

/// Sets a canton's area and its envelope.
void set_area(Canton& canton, geo::MultiPolygon area);

/// Sets a commune's area to the union of `parts` (a single part is taken as
/// is: the polygons of its former communes dissolved into one), then its
/// envelope, area in square metres and centroid. Throws GeometryError.
void set_area(Commune& commune, std::vector<geo::MultiPolygon> parts);

/// Area of `commune` inside `canton`, in square CRS units; 0 when their
/// envelopes do not meet. Throws GeometryError.
double area_in_canton(const Commune& commune, const Canton& canton);

/// A canton and the area of a commune inside it.
struct CantonOverlap {
    CantonId canton = kInvalid;
    double area = 0;
};

/// The canton holding the largest part of `commune` (the lowest index on a
/// tie), or {kInvalid, 0} when it overlaps none. O(cantons) envelope tests.
CantonOverlap largest_overlap(const Commune& commune, const std::vector<Canton>& cantons);

/// Places `commune` in one canton, as a composition table does: cantons =
/// {canton}, canton_share = {1}, canton_source "table".
void place_in_canton(Commune& commune, CantonId canton);

/// Places `commune` in every canton polygon it overlaps by at least
/// `min_share` of its area inside cantons, with `canton_share` the kept
/// areas scaled to sum to 1 (the population share of a split commune), in
/// canton order; canton_source "polygons". Leaves `cantons` empty when the
/// commune overlaps no canton. Throws GeometryError.
void place_by_polygons(Commune& commune, const std::vector<Canton>& cantons, double min_share = kMinCantonShare);

/// Shares the population of every commune split between cantons by the
/// cantons' official populations: canton k gets what its official population
/// leaves once its whole communes (population x share 1) are counted,
/// clamped at 0, and the commune's shares are those rests scaled to sum to
/// 1 (share_rule official). A commune keeps its shares when one of its
/// cantons has no official population, holds a part of another split
/// commune (the rest could not be told apart), or every rest is 0; its code
/// is then returned, for the caller to report. O(communes x cantons each).
std::vector<CommuneId> share_split_by_official(Territory& territory);

/// Shares the population of every commune split between cantons by the
/// demand points lying in each of its cantons (a layer finer than communes:
/// a population grid, IRIS): `canton_of[i]` is the canton holding point i
/// (kInvalid: not located), `commune_of[i]` its commune. A split commune with
/// populated located points gets shares = their population per canton /
/// their total, share_rule demand; others keep theirs. Returns the number of
/// communes changed. O(points + communes).
std::size_t share_split_by_points(Territory& territory, const std::vector<CommuneId>& commune_of,
                                  const std::vector<CantonId>& canton_of, const std::vector<double>& population);

} // namespace maillage
