// Evaluation of coverage on a hand-computed territory: three communes (one
// split between two cantons), one fixed site, one bus with one stop. Travel
// times come from a table, so every figure below is checked by hand.

#include "coverage/evaluate.hpp"
#include "coverage/services.hpp"
#include "geo/transform.hpp"
#include "io/opening_hours.hpp"
#include "model/schedule.hpp"
#include "report/canton_report.hpp"
#include "report/coverage_report.hpp"

#include <boost/geometry.hpp>
#include <doctest/doctest.h>

#include <map>

using namespace maillage;
namespace bg = boost::geometry;

namespace {

geo::MultiPolygon square(double x0, double y0, double x1, double y1) {
    geo::MultiPolygon mp;
    bg::read_wkt("MULTIPOLYGON(((" + std::to_string(x0) + " " + std::to_string(y0) + "," + std::to_string(x0) + " " +
                     std::to_string(y1) + "," + std::to_string(x1) + " " + std::to_string(y1) + "," +
                     std::to_string(x1) + " " + std::to_string(y0) + "," + std::to_string(x0) + " " +
                     std::to_string(y0) + ")))",
                 mp);
    bg::correct(mp);
    return mp;
}

// Times (seconds) from demand id to service id; missing pairs: unreachable.
class TableModel : public network::TravelModel {
  public:
    explicit TableModel(std::map<std::pair<std::string, std::string>, std::uint32_t> t) : m_t(std::move(t)) {}
    std::string describe() const override { return "table model (test)"; }
    std::uint32_t time(const std::string& demand, const std::string& site) const {
        auto it = m_t.find({demand, site});
        return it == m_t.end() ? network::kUnreachable : it->second;
    }
    network::NearestSites nearest(const std::vector<network::Place>& sites, const std::vector<network::Place>& demand,
                                  network::SnapReport*) const override {
        network::NearestSites r;
        for (const auto& d : demand) {
            SiteId best = kInvalid;
            std::uint32_t best_t = network::kUnreachable;
            for (SiteId s = 0; s < sites.size(); ++s) {
                const auto t = time(d.id, sites[s].id);
                if (t < best_t) best_t = t, best = s;
            }
            r.site.push_back(best);
            r.time_s.push_back(best_t);
        }
        return r;
    }
    using network::TravelModel::coverage;
    network::CoverageSets coverage(const std::vector<network::Place>& sources,
                                   const std::vector<network::Place>& demand, const network::CoverageQuery& q,
                                   network::SnapReport*) const override {
        network::CoverageSets c;
        for (const auto& s : sources) {
            for (DemandId d = 0; d < demand.size(); ++d) {
                const auto t = time(demand[d].id, s.id);
                if (t <= q.cutoff_s && (!q.faster_than || t < (*q.faster_than)[d])) {
                    ++c.pairs_found;
                    c.demand.push_back(d);
                    c.time_s.push_back(t);
                }
            }
            c.first.push_back(static_cast<std::uint32_t>(c.demand.size()));
        }
        return c;
    }

  private:
    std::map<std::pair<std::string, std::string>, std::uint32_t> m_t;
};

struct Fixture {
    Territory t;
    Demand demand;
    std::vector<Schedule> schedules;

    Fixture() {
        t.name = "test";
        t.cantons = {Canton{"A", "Canton A", square(0, 0, 10000, 10000), {}},
                     Canton{"B", "Canton B", square(10000, 0, 20000, 10000), {}}};
        auto commune = [](std::string code, double pop, std::vector<CantonId> cantons, std::vector<double> share) {
            Commune c;
            c.code = code;
            c.name = "commune " + code;
            c.population = pop;
            c.has_population = true;
            c.cantons = std::move(cantons);
            c.canton_share = std::move(share);
            return c;
        };
        t.communes = {commune("c1", 100, {0}, {1.0}), commune("c2", 200, {1}, {1.0}),
                      commune("c3", 300, {0, 1}, {0.5, 0.5})};
        // c2 holds the point of its bus stop (-1.5, 48.0): stops are checked
        // against the commune they name.
        const auto stop_xy = geo::CoordinateTransform("EPSG:4326", "EPSG:2154").forward(-1.5, 48.0);
        t.communes[1].area = square(stop_xy.x() - 1000, stop_xy.y() - 1000, stop_xy.x() + 1000, stop_xy.y() + 1000);
        boost::geometry::envelope(t.communes[1].area, t.communes[1].bbox);
        for (CommuneId i = 0; i < 3; ++i) {
            DemandPoint p;
            p.id = t.communes[i].code;
            p.population = t.communes[i].population;
            p.commune = i;
            p.placed_at = "centroid";
            demand.points.push_back(p);
        }
        Site fixed;
        fixed.id = "s1";
        fixed.name = "Fixed office";
        fixed.format = SiteFormat::fixed;
        fixed.labelled = Date{2020, 1, 1};
        fixed.commune = 0;
        fixed.hours = {"09:00 - 12:00", "", "", "", "", ""}; // Monday morning: 3 h
        Site bus = fixed;
        bus.id = "bus1";
        bus.name = "Bus";
        bus.format = SiteFormat::bus;
        bus.hours = {"", "", "", "", "", ""};
        Site later = fixed;
        later.id = "s9";
        later.labelled = Date{2030, 1, 1}; // not open yet
        t.sites = {fixed, bus, later};
        for (auto& s : t.sites) parse_site_hours(s); // as the sites loader does
        Route r;
        r.id = "route1";
        r.kind = RouteKind::bus;
        r.site_id = "bus1";
        r.hypothesis = true;
        Stop stop;
        stop.name = "stop2";
        stop.commune = "c2";
        stop.lonlat = StopPosition{-1.5, 48.0};
        stop.visits = normalized({{1 * kMinutesPerDay + 9 * 60, 1 * kMinutesPerDay + 12 * 60}}); // Tuesday 9-12
        r.stops = {stop};
        schedules = {Schedule{"test-schedule.toml", {r}}};
    }
};

const TableModel kModel({{{"c1", "s1"}, 300},
                         {{"c2", "s1"}, 2400},
                         {{"c3", "s1"}, 1500},
                         {{"c1", "bus1/stop2"}, 2000},
                         {{"c2", "bus1/stop2"}, 600},
                         {{"c3", "bus1/stop2"}, 1300}});

} // namespace

TEST_CASE("services: a bus with a schedule is replaced by its stops; closed sites left out") {
    Fixture f;
    const auto s = build_services(f.t, f.schedules, Date{2024, 1, 1}, "EPSG:2154");
    REQUIRE(s.points.size() == 2);
    CHECK(s.points[0].id == "s1");
    CHECK_FALSE(s.points[0].mobile);
    REQUIRE(s.points[0].hours);
    CHECK(total_minutes(*s.points[0].hours) == 180);
    CHECK(s.points[1].id == "bus1/stop2");
    CHECK(s.points[1].mobile);
    CHECK(s.points[1].hypothesis);
    CHECK(s.problems.empty());
    bool hypothesis_noted = false;
    for (const auto& n : s.notes) hypothesis_noted |= n.find("HYPOTHESIS") != std::string::npos;
    CHECK(hypothesis_noted);
}

TEST_CASE("services: a stop whose point lies outside the commune it names is a problem") {
    Fixture f;
    f.schedules[0].routes[0].stops[0].commune = "c1";
    const auto s = build_services(f.t, f.schedules, Date{2024, 1, 1}, "EPSG:2154");
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0] == "test-schedule.toml: line 0: route \"route1\": stop \"stop2\": its point (-1.50000, 48.00000) "
                           "lies in commune c2 commune c2, not in commune \"c1\" it names (lon/lat or commune code "
                           "wrong?)");
}

TEST_CASE("services: a stop without lon/lat stands at its commune's seat, whatever the demand") {
    Fixture f;
    f.schedules[0].routes[0].stops[0].lonlat.reset();
    f.t.communes[1].seat = geo::Point(123456, 6789012);
    f.t.communes[1].seat_lonlat = geo::LonLat{-1.49, 48.01};
    f.t.communes[1].seat_kind = "town hall";
    const auto s = build_services(f.t, f.schedules, Date{2024, 1, 1}, "EPSG:2154");
    REQUIRE(s.points.size() == 2);
    CHECK(s.points[1].xy.x() == 123456);
    CHECK(s.points[1].xy.y() == 6789012);
    CHECK(s.points[1].lonlat.lon == -1.49);
    CHECK(s.problems.empty());
}

TEST_CASE("services: unparsable opening hours are reported with the site id, never guessed") {
    Fixture f;
    f.t.sites[0].hours[2] = "le matin";
    parse_site_hours(f.t.sites[0]); // as the sites loader does
    const auto s = build_services(f.t, f.schedules, Date{2024, 1, 1}, "EPSG:2154");
    REQUIRE(s.problems.size() == 1);
    CHECK(s.problems[0].find("\"s1\"") != std::string::npos);
    CHECK(s.problems[0].find("le matin") != std::string::npos);
    CHECK_FALSE(s.points[0].hours);
}

TEST_CASE("evaluate: hand-computed categories, times, hours and canton shares") {
    Fixture f;
    const auto services = build_services(f.t, f.schedules, Date{2024, 1, 1}, "EPSG:2154");
    CoverageParams params;
    params.thresholds_min = {20, 30};
    params.service_threshold_min = 30;
    params.required_hours = 5;
    const auto e = evaluate(f.t, f.demand, services, kModel, params);
    CHECK(e.model == "table model (test)");
    // c1: office 5 min; c2: bus 10 min (office 40); c3: bus 21.7, office 25.
    CHECK(e.points[0].time_s == 300);
    CHECK(e.points[1].time_s == 600);
    CHECK(e.points[1].nearest == 1);
    CHECK(e.points[2].fixed_time_s == 1500);
    CHECK(e.points[2].mobile_time_s == 1300);
    // Hours within 30 min: c1 the office (3 h), c2 the bus (3 h), c3 both (6 h).
    CHECK(e.points[0].minutes_per_week == 180);
    CHECK(e.points[1].minutes_per_week == 180);
    CHECK(e.points[2].minutes_per_week == 360);
    CHECK_FALSE(e.points[0].meets_rule);
    CHECK(e.points[2].meets_rule);

    const auto& total = e.by_canton.total;
    CHECK(total.population == 600);
    // 20 min: c1 by the office, c2 only by the bus, c3 nothing.
    CHECK(total.thresholds[0].fixed == 100);
    CHECK(total.thresholds[0].mobile_only == 200);
    CHECK(total.thresholds[0].none == 300);
    // 30 min: c3 reaches the office (an office within the threshold wins).
    CHECK(total.thresholds[1].fixed == 400);
    CHECK(total.thresholds[1].mobile_only == 200);
    CHECK(total.thresholds[1].none == 0);
    // Canton A = c1 + half of c3; canton B = c2 + half of c3.
    CHECK(e.by_canton.groups[0].population == 250);
    CHECK(e.by_canton.groups[1].population == 350);
    CHECK(e.by_canton.groups[2].population == 0); // nobody outside
    CHECK(e.by_canton.groups[0].thresholds[0].within == 100);
    CHECK(e.by_canton.groups[1].thresholds[0].within == 200);
    CHECK(e.by_commune.groups[2].thresholds[1].fixed == 300);
    // Weekly rule (5 h): only c3 (300 residents) meets it.
    CHECK(e.service_by_canton.total.meets_rule == 300);
    CHECK(e.service_by_commune.total.meets_rule == 300);
    // Mean time: (100*300 + 200*600 + 300*1300) / 600 s.
    REQUIRE(e.by_canton.total.mean_time_s);
    CHECK(*e.by_canton.total.mean_time_s == doctest::Approx((100.0 * 300 + 200 * 600 + 300 * 1300) / 600));
}

TEST_CASE("evaluate: categories partition the population in every group, whatever the times") {
    Fixture f;
    std::uint32_t seed = 12345;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    for (int round = 0; round < 50; ++round) {
        std::map<std::pair<std::string, std::string>, std::uint32_t> times;
        for (const auto* d : {"c1", "c2", "c3"})
            for (const auto* s : {"s1", "bus1/stop2"})
                if (next() % 5 != 0) times[{d, s}] = next() % 4000;
        for (auto& c : f.t.communes) c.population = double(next() % 1000);
        for (std::size_t i = 0; i < 3; ++i) f.demand.points[i].population = f.t.communes[i].population;
        const TableModel model(times);
        const auto services = build_services(f.t, f.schedules, Date{2024, 1, 1}, "EPSG:2154");
        const auto e = evaluate(f.t, f.demand, services, model, CoverageParams{});
        double total = 0;
        for (const auto& p : f.demand.points) total += p.population;
        for (const auto* metrics : {&e.by_canton, &e.by_commune}) {
            CHECK(metrics->total.population == doctest::Approx(total));
            double groups = 0;
            for (const auto& g : metrics->groups) {
                groups += g.population;
                for (const auto& th : g.thresholds)
                    CHECK(th.fixed + th.mobile_only + th.none == doctest::Approx(g.population));
            }
            CHECK(groups == doctest::Approx(total));
        }
    }
}

TEST_CASE("report: every rendering names the travel model and the hypothesis") {
    Fixture f;
    const auto services = build_services(f.t, f.schedules, Date{2024, 1, 1}, "EPSG:2154");
    const auto e = evaluate(f.t, f.demand, services, kModel, CoverageParams{});
    SituationView s;
    s.territory = &f.t;
    s.demand = &f.demand;
    s.services = &services;
    s.evaluation = &e;
    const auto cantons = canton_report(f.t, Date{2024, 1, 1});
    s.cantons = &cantons;
    s.as_of = Date{2024, 1, 1};
    for (const auto* format : {"table", "md", "json"}) {
        ReportOptions o;
        o.format = *parse_format(format);
        const auto text = render_coverage_report(s, o);
        CHECK_MESSAGE(text.find("table model (test)") != std::string::npos, format);
        CHECK_MESSAGE(text.find("HYPOTHESIS") != std::string::npos, format);
    }
    // csv: the table alone (header on line 1); the model and the hypothesis
    // go to the notes written beside it.
    ReportOptions csv;
    csv.format = Format::csv;
    CHECK(render_coverage_report(s, csv).rfind("code,canton,", 0) == 0);
    std::string notes;
    for (const auto& n : coverage_report_notes(s)) notes += n + "\n";
    CHECK(notes.find("travel model: table model (test)") != std::string::npos);
    CHECK(notes.find("HYPOTHESIS") != std::string::npos);
    ReportOptions o;
    const auto cmp = render_comparison(s, s, o);
    CHECK(cmp.find("table model (test)") != std::string::npos);
    CHECK(cmp.find("Sites added") != std::string::npos);
}
