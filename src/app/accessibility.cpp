#include "app/accessibility.hpp"

#include "app/layer_fields.hpp"
#include "network/snap.hpp"

#include <cmath>

namespace maillage::app {

namespace {

using geo::FieldDef;
using geo::FieldType;
using geo::FieldValue;

/// Distance from each point to the road it is placed on, for a road model.
class SnapDistances : public network::TravelModelVisitor {
  public:
    explicit SnapDistances(const Demand& demand) : m_demand(demand) {}
    void visit(const network::RoadTravelModel& model) override {
        distances.reserve(m_demand.points.size());
        for (const auto& d : m_demand.points) distances.push_back(model.snapper().snap(d.xy).distance_m);
    }
    void visit(const network::CrowFlyModel&) override {}
    void visit_other(const network::TravelModel&) override {}
    std::vector<double> distances; ///< empty: the model places nothing on roads

  private:
    const Demand& m_demand;
};

/// The first fields of every per-demand-point layer, and their values.
std::vector<FieldDef> demand_point_fields() {
    return {field("id", FieldType::string, "Identifiant", "Id"),
            field("commune", FieldType::string, "Code INSEE", "INSEE code"),
            field("name", FieldType::string, "Commune", "Commune"),
            field("population", FieldType::real, "Population", "Population")};
}
void push_demand_point_values(const Territory& t, const DemandPoint& d, std::vector<FieldValue>& values) {
    values.push_back(d.id);
    values.push_back(d.commune == kInvalid ? FieldValue(std::monostate{}) : FieldValue(t.communes[d.commune].code));
    values.push_back(d.commune == kInvalid ? FieldValue(std::monostate{}) : FieldValue(t.communes[d.commune].name));
    values.push_back(d.population);
}

} // namespace

geo::OutputLayer accessibility_layer(const Run& run, const Situation& sit) {
    const auto& e = sit.evaluation;
    const auto& thresholds = e.params.thresholds_min;
    geo::OutputLayer layer;
    layer.name = "accessibility";
    layer.title_fr = "Accessibilité par point de demande";
    layer.title_en = "Accessibility per demand point";
    layer.kind = geo::LayerGeometry::point;
    layer.fields = demand_point_fields();
    layer.fields.insert(layer.fields.end(), {
                    field("snap_m", FieldType::real, "Distance à la route", "Distance to the road", "m"),
                    field("time_min", FieldType::real, "Temps jusqu'à la France services la plus proche",
                          "Time to the nearest France Services", "min"),
                    field("site_id", FieldType::string, "France services la plus proche (identifiant)",
                          "Nearest France Services (id)"),
                    field("site_name", FieldType::string, "France services la plus proche", "Nearest France Services"),
                    field("site_format", FieldType::string, "Format", "Format"),
                    field("fixed_time_min", FieldType::real, "Temps jusqu'au site fixe le plus proche",
                          "Time to the nearest fixed site", "min"),
                    field("fixed_site_id", FieldType::string, "Site fixe le plus proche (identifiant)",
                          "Nearest fixed site (id)")});
    for (auto th : thresholds)
        layer.fields.push_back(field("category_" + std::to_string(th), FieldType::string,
                                     "Couverture à " + std::to_string(th) + " min",
                                     "Coverage at " + std::to_string(th) + " min"));
    layer.fields.push_back(field("hours_week", FieldType::real,
                                 "Heures par semaine à moins de " + std::to_string(e.params.service_threshold_min) + " min",
                                 "Hours a week within " + std::to_string(e.params.service_threshold_min) + " min", "h"));
    layer.fields.push_back(field("hours_unknown", FieldType::boolean, "Horaires inconnus à portée",
                                 "Unknown hours within reach"));

    SnapDistances snaps(run.demand);
    run.travel.model->accept(snaps);
    const auto& t = run.territory;
    const auto& services = sit.services.points;
    auto site_text = [&](std::uint32_t i, auto member) -> FieldValue {
        if (i == kInvalid) return std::monostate{};
        return std::string(member(services[i]));
    };
    layer.features.reserve(run.demand.points.size());
    for (std::size_t i = 0; i < run.demand.points.size(); ++i) {
        const auto& d = run.demand.points[i];
        const auto& pc = e.points[i];
        geo::OutputFeature f;
        f.point = d.xy;
        f.values.reserve(layer.fields.size());
        push_demand_point_values(t, d, f.values);
        f.values.push_back(snaps.distances.empty() ? FieldValue(std::monostate{})
                                                   : FieldValue(std::round(snaps.distances[i] * 10) / 10));
        f.values.push_back(minutes_or_null(pc.time_s));
        f.values.push_back(site_text(pc.nearest, [](const ServicePoint& p) { return p.id; }));
        f.values.push_back(site_text(pc.nearest, [](const ServicePoint& p) { return p.name; }));
        f.values.push_back(site_text(pc.nearest, [](const ServicePoint& p) { return std::string(to_string(p.format)); }));
        f.values.push_back(minutes_or_null(pc.fixed_time_s));
        f.values.push_back(site_text(pc.nearest_fixed, [](const ServicePoint& p) { return p.id; }));
        for (auto th : thresholds) f.values.push_back(std::string(access_category(pc, th)));
        f.values.push_back(std::round(pc.minutes_per_week / 6.0) / 10.0);
        f.values.push_back(pc.hours_unknown);
        layer.features.push_back(std::move(f));
    }
    return layer;
}

geo::OutputLayer accessibility_change_layer(const Run& before_run, const Situation& before, const Run& after_run,
                                            const Situation& after) {
    const auto& thresholds = after.evaluation.params.thresholds_min;
    geo::OutputLayer layer;
    layer.name = "accessibility_change";
    layer.title_fr = "Évolution de l'accessibilité par point de demande";
    layer.title_en = "Change of accessibility per demand point";
    layer.kind = geo::LayerGeometry::point;
    layer.fields = demand_point_fields();
    layer.fields.insert(layer.fields.end(), {
                    field("time_before_min", FieldType::real, "Temps avant (" + before.label + ")",
                          "Time before (" + before.label + ")", "min"),
                    field("time_after_min", FieldType::real, "Temps après (" + after.label + ")",
                          "Time after (" + after.label + ")", "min"),
                    field("change_min", FieldType::real, "Évolution du temps (négatif : plus proche)",
                          "Change of time (negative: closer)", "min"),
                    field("site_before_id", FieldType::string, "France services la plus proche avant (identifiant)",
                          "Nearest France Services before (id)"),
                    field("site_after_id", FieldType::string, "France services la plus proche après (identifiant)",
                          "Nearest France Services after (id)")});
    for (auto th : thresholds)
        for (const char* when : {"before", "after"})
            layer.fields.push_back(field("category_" + std::to_string(th) + "_" + when, FieldType::string,
                                         "Couverture à " + std::to_string(th) + " min " +
                                             (std::string(when) == "before" ? "avant" : "après"),
                                         "Coverage at " + std::to_string(th) + " min " + when));

    const auto before_of = match_points(before_run.demand, after_run.demand);
    const auto& t = after_run.territory;
    auto site_id = [](const Situation& s, std::uint32_t i) -> FieldValue {
        if (i == kInvalid) return std::monostate{};
        return s.services.points[i].id;
    };
    layer.features.reserve(after_run.demand.points.size());
    for (std::size_t i = 0; i < after_run.demand.points.size(); ++i) {
        const auto& d = after_run.demand.points[i];
        const auto& pb = after.evaluation.points[i];
        const PointCoverage* pa = before_of[i] == kInvalid ? nullptr : &before.evaluation.points[before_of[i]];
        geo::OutputFeature f;
        f.point = d.xy;
        f.values.reserve(layer.fields.size());
        push_demand_point_values(t, d, f.values);
        f.values.push_back(pa ? minutes_or_null(pa->time_s) : FieldValue(std::monostate{}));
        f.values.push_back(minutes_or_null(pb.time_s));
        // The change of the rounded times, so that the three columns agree.
        const auto ta = pa ? minutes_or_null(pa->time_s) : FieldValue(std::monostate{});
        const auto tb = minutes_or_null(pb.time_s);
        if (std::holds_alternative<double>(ta) && std::holds_alternative<double>(tb))
            f.values.push_back(std::round((std::get<double>(tb) - std::get<double>(ta)) * 10) / 10);
        else
            f.values.push_back(std::monostate{});
        f.values.push_back(pa ? site_id(before, pa->nearest) : FieldValue(std::monostate{}));
        f.values.push_back(site_id(after, pb.nearest));
        for (auto th : thresholds) {
            f.values.push_back(pa ? FieldValue(std::string(access_category(*pa, th))) : FieldValue(std::monostate{}));
            f.values.push_back(std::string(access_category(pb, th)));
        }
        layer.features.push_back(std::move(f));
    }
    return layer;
}

} // namespace maillage::app
