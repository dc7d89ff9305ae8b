#include "report/coverage_report.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "report/models_report.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>

namespace maillage {

namespace {

std::string minutes(std::optional<std::uint32_t> s) {
    if (!s) return "";
    if (*s == network::kUnreachable) return "unreachable";
    return format_fixed(*s / 60.0, 1);
}

std::string minutes_d(std::optional<double> s) { return s ? format_fixed(*s / 60.0, 1) : ""; }

std::string pct(double part, double whole) { return whole > 0 ? format_fixed(100.0 * part / whole, 1) : ""; }

long long people(double p) { return std::llround(p); }

// The threshold used for "beyond" columns: the service threshold when listed,
// else the middle one.
std::size_t main_threshold(const Evaluation& e) {
    const auto& th = e.params.thresholds_min;
    for (std::size_t i = 0; i < th.size(); ++i)
        if (th[i] == e.params.service_threshold_min) return i;
    return th.size() / 2;
}

Table group_table(const SituationView& s, bool by_canton, bool human) {
    const auto& e = *s.evaluation;
    const auto& t = *s.territory;
    const auto& metrics = by_canton ? e.by_canton : e.by_commune;
    const auto& service = by_canton ? e.service_by_canton : e.service_by_commune;
    const std::size_t mt = main_threshold(e);
    Table table;
    table.columns = {"code", by_canton ? "canton" : "commune", "population"};
    for (auto th : e.params.thresholds_min) table.columns.push_back("within_" + std::to_string(th) + "min_pct");
    table.columns.insert(table.columns.end(),
                         {"mean_min", "median_min", "p90_min",
                          "beyond_" + std::to_string(e.params.thresholds_min[mt]) + "min",
                          "mobile_only_" + std::to_string(e.params.thresholds_min[mt]) + "min",
                          "meets_" + format_fixed(e.params.required_hours, 0) + "h_pct", "mean_hours_week"});
    if (by_canton) table.columns.push_back("has_site");
    if (human) {
        for (auto& c : table.columns) {
            if (c.rfind("within_", 0) == 0) c = "≤" + c.substr(7, c.find("min") - 7) + " min %";
        }
        table.columns[0] = "code";
    }
    table.right_align.assign(table.columns.size(), true);
    table.right_align[0] = table.right_align[1] = false;
    if (by_canton) table.right_align.back() = false;
    const std::size_t groups = by_canton ? t.cantons.size() : t.communes.size();
    for (std::size_t g = 0; g <= groups; ++g) {
        const auto& m = metrics.groups[g];
        const auto& sv = service.groups[g];
        if (m.population == 0) continue; // no resident here (outside group, or a demand filter)
        std::vector<std::string> row;
        if (g == groups) {
            row = {"-", "(outside every commune)"};
        } else if (by_canton) {
            row = {t.cantons[g].code, t.cantons[g].name};
        } else {
            row = {t.communes[g].code, t.communes[g].name};
        }
        row.push_back(human ? format_grouped(people(m.population)) : std::to_string(people(m.population)));
        for (const auto& th : m.thresholds) row.push_back(pct(th.within, m.population));
        row.push_back(minutes_d(m.mean_time_s));
        row.push_back(minutes(m.median_time_s));
        row.push_back(minutes(m.p90_time_s));
        row.push_back(std::to_string(people(m.thresholds[mt].none)));
        row.push_back(std::to_string(people(m.thresholds[mt].mobile_only)));
        row.push_back(pct(sv.meets_rule, sv.population));
        row.push_back(sv.mean_minutes_per_week ? format_fixed(*sv.mean_minutes_per_week / 60.0, 1) : "");
        if (by_canton) row.push_back(g < s.cantons->rows.size() && s.cantons->rows[g].has_site ? "yes" : "no");
        table.add_row(std::move(row));
    }
    return table;
}

struct Worst {
    std::size_t point;
    std::uint32_t time_s;
};

std::vector<Worst> worst_points(const SituationView& s, std::size_t count) {
    std::vector<Worst> w;
    for (std::size_t i = 0; i < s.evaluation->points.size(); ++i)
        w.push_back({i, s.evaluation->points[i].time_s});
    // Longest time first; ties by demand id so the list is stable.
    std::sort(w.begin(), w.end(), [&](const Worst& a, const Worst& b) {
        if (a.time_s != b.time_s) return a.time_s > b.time_s;
        return s.demand->points[a.point].id < s.demand->points[b.point].id;
    });
    if (w.size() > count) w.resize(count);
    return w;
}

std::string service_name(const SituationView& s, std::uint32_t idx) {
    if (idx == kInvalid) return "none";
    const auto& p = s.services->points[idx];
    std::string tags = std::string(to_string(p.format));
    if (p.neighbour) tags += ", neighbour";
    // A bus or itinerant team with no stop schedule stands at its base
    // address, where it does not serve anyone: say so where it is counted.
    if (p.mobile && !p.from_schedule) tags += ", counted at its base address";
    if (p.hypothesis) tags += ", hypothetical stop";
    return p.name + " [" + tags + "]";
}

// Weekly hours of a point: "none within 30 min" when no service point is
// within the service threshold (0.0 would read as "closed").
std::string hours_cell(const Evaluation& e, const PointCoverage& pc) {
    const std::uint32_t limit_s = e.params.service_threshold_min * 60;
    if (pc.time_s == network::kUnreachable || pc.time_s > limit_s)
        return "none within " + std::to_string(e.params.service_threshold_min) + " min";
    if (pc.minutes_per_week == 0 && pc.hours_unknown) return "unknown";
    return format_fixed(pc.minutes_per_week / 60.0, 1);
}

std::vector<std::string> caveats(const SituationView& s) {
    std::vector<std::string> out;
    out.push_back("Travel model: " + s.evaluation->model);
    if (auto note = crow_fly_measured_error_note(s.evaluation->model); !note.empty()) out.push_back(note);
    out.push_back("Demand: " + s.demand->description);
    for (const auto& n : s.services->notes) out.push_back(n);
    return out;
}

// What the "without" lines assume instead of the hypothetical routes: a
// route of a listed site leaves the site at its base address (as with no
// schedule), a route of no site is left out.
std::string hypothesis_sources(const SituationView& s) {
    std::vector<std::string> parts;
    for (const auto& p : s.services->points) {
        if (!p.hypothesis) continue;
        const std::string part = p.site_id.empty() ? "route " + p.id.substr(0, p.id.find('/')) + " left out"
                                                   : "site " + p.site_id + " counted at its base address";
        if (std::find(parts.begin(), parts.end(), part) == parts.end()) parts.push_back(part);
    }
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : ", ") + part;
    return out;
}

std::string summary_text(const SituationView& s, bool md) {
    const auto& e = *s.evaluation;
    const auto& m = e.by_canton.total;
    const auto& sv = e.service_by_canton.total;
    std::string o;
    auto item = [&](const std::string& line) { o += (md ? "- " + markdown_text(line) : "  " + line) + "\n"; };
    item("Population: " + format_grouped(people(m.population)) + "; open sites: " + std::to_string(s.cantons->open_sites) +
         " (" + std::to_string(s.services->points.size()) + " service points incl. stops and neighbours)");
    // The same figures without the hypothetical schedules, one level down.
    const GroupCoverage* fm = s.factual ? &s.factual->by_canton.total : nullptr;
    auto sub_item = [&](const std::string& line) {
        o += (md ? "  - " + markdown_text(line) : "      " + line) + "\n";
    };
    const std::string without = "without the hypothetical schedules (as if not given: " + hypothesis_sources(s) + "): ";
    // Residents only served by a bus or itinerant team counted at its base
    // address (no schedule): said apart, it is no stop of the route.
    auto at_base = [&](const Evaluation& ev, const ServiceSet& services, std::uint32_t threshold_min) {
        double sum = 0;
        for (std::size_t i = 0; i < ev.points.size(); ++i) {
            const auto& pc = ev.points[i];
            if (pc.nearest_mobile == kInvalid || std::string_view(access_category(pc, threshold_min)) != "mobile_only")
                continue;
            const auto& p = services.points[pc.nearest_mobile];
            if (!p.from_schedule) sum += s.demand->points[i].population;
        }
        return sum;
    };
    auto within_text = [&](const ThresholdCoverage& th, double population, double base) {
        return format_grouped(people(th.within)) + " (" + pct(th.within, population) + " %): " +
               format_grouped(people(th.fixed)) + " by a fixed or multi-site office, " +
               format_grouped(people(th.mobile_only)) + " only by a bus or itinerant stop" +
               (people(base) > 0 ? " (" + format_grouped(people(base)) + " of them by a bus counted at its base address)"
                                 : "") +
               "; beyond: " + format_grouped(people(th.none));
    };
    for (std::size_t i = 0; i < m.thresholds.size(); ++i) {
        const auto& th = m.thresholds[i];
        item("Within " + std::to_string(th.threshold_min) + " min: " +
             within_text(th, m.population, at_base(e, *s.services, th.threshold_min)) +
             (fm ? " (with the hypothetical schedules)" : ""));
        if (fm)
            sub_item(without + within_text(fm->thresholds[i], fm->population,
                                           at_base(*s.factual, *s.factual_services, th.threshold_min)));
    }
    auto times_text = [&](const GroupCoverage& g) {
        return "mean " + minutes_d(g.mean_time_s) + " min, median " + minutes(g.median_time_s) + " min, 90th percentile " +
               minutes(g.p90_time_s) + " min";
    };
    item("Time to the nearest France Services (population weighted): " + times_text(m) +
         (fm ? " (with the hypothetical schedules)" : ""));
    if (fm) sub_item(without + times_text(*fm));
    item("Weekly hours reachable within " + std::to_string(e.params.service_threshold_min) + " min: " +
         format_grouped(people(sv.meets_rule)) + " residents (" + pct(sv.meets_rule, sv.population) + " %) reach at least " +
         format_fixed(e.params.required_hours, 0) + " h a week; " + format_grouped(people(sv.no_service)) +
         " reach none; mean " + (sv.mean_minutes_per_week ? format_fixed(*sv.mean_minutes_per_week / 60.0, 1) : "") + " h");
    item("Cantons with no site: " + std::to_string(s.cantons->without_site.size()) + " of " +
         std::to_string(s.cantons->rows.size()));
    return o;
}

struct SiteChange {
    std::string id, name, format;
    bool own = false; ///< in one of the territory's communes
};

struct SiteChanges {
    std::vector<SiteChange> added, removed;
};

// Sites (a schedule's stops under their site's id) open in one situation and
// not in the other. A site is the territory's own when it or one of its
// stops stands in one of the territory's communes (by INSEE code): decided
// from the territory, whatever layer listed the site.
SiteChanges site_changes(const SituationView& a, const SituationView& b) {
    const auto id_of = [](const ServicePoint& p) { return p.site_id.empty() ? p.id : p.site_id; };
    std::set<std::string> codes;
    for (const auto* t : {a.territory, b.territory})
        for (const auto& c : t->communes) codes.insert(c.code);
    auto ids_and_own = [&](const SituationView& s, std::set<std::string>& ids, std::set<std::string>& own) {
        for (const auto& p : s.services->points) {
            ids.insert(id_of(p));
            if (codes.count(p.commune_code)) own.insert(id_of(p));
        }
    };
    std::set<std::string> ids_a, ids_b, own_a, own_b;
    ids_and_own(a, ids_a, own_a);
    ids_and_own(b, ids_b, own_b);
    auto diff = [&](const SituationView& s, const std::set<std::string>& other, const std::set<std::string>& own) {
        std::vector<SiteChange> out;
        std::set<std::string> done;
        for (const auto& p : s.services->points) {
            const std::string id = id_of(p);
            if (other.count(id) || !done.insert(id).second) continue;
            out.push_back({id, p.name, std::string(to_string(p.format)), own.count(id) > 0});
        }
        return out;
    };
    return {diff(b, ids_a, own_b), diff(a, ids_b, own_a)};
}

// The demand points whose time to the nearest France Services dropped most
// (a point reached after and not before first), ties by population then id.
std::string improvements_text(const SituationView& a, const SituationView& b, std::size_t count, bool md) {
    const auto before_of = match_points(*a.demand, *b.demand);
    struct Gain {
        std::size_t after, before;
        double saved_s; // +infinity: unreachable before
    };
    std::vector<Gain> gains;
    for (std::size_t i = 0; i < before_of.size(); ++i) {
        if (before_of[i] == kInvalid) continue;
        const auto ta = a.evaluation->points[before_of[i]].time_s, tb = b.evaluation->points[i].time_s;
        if (tb == network::kUnreachable || tb >= ta) continue;
        const double saved = ta == network::kUnreachable ? std::numeric_limits<double>::infinity() : double(ta) - tb;
        gains.push_back({i, before_of[i], saved});
    }
    std::sort(gains.begin(), gains.end(), [&](const Gain& x, const Gain& y) {
        if (x.saved_s != y.saved_s) return x.saved_s > y.saved_s;
        const auto& px = b.demand->points[x.after];
        const auto& py = b.demand->points[y.after];
        if (px.population != py.population) return px.population > py.population;
        return px.id < py.id;
    });
    const std::size_t improved = gains.size();
    if (gains.size() > count) gains.resize(count);
    const std::string head = "Biggest improvements: time to the nearest France Services (" + std::to_string(improved) +
                             " demand points faster; all of them: --by point)";
    std::string o = md ? "\n## " + markdown_text(head) + "\n\n" : "\n" + head + "\n";
    if (gains.empty()) return o + (md ? "- " : "  ") + "none\n";
    Table t;
    t.columns = {"code", "name", "population", "min before", "min after", "min saved", "nearest after"};
    t.right_align = {false, false, true, true, true, true, false};
    for (const auto& g : gains) {
        const auto& d = b.demand->points[g.after];
        const auto& pa = a.evaluation->points[g.before];
        const auto& pb = b.evaluation->points[g.after];
        t.add_row({d.id, d.name, format_grouped(people(d.population)), minutes(pa.time_s), minutes(pb.time_s),
                   std::isinf(g.saved_s) ? "newly reached"
                                         // the difference of the rounded times shown beside it
                                         : format_fixed(std::round(pa.time_s / 6.0) / 10 - std::round(pb.time_s / 6.0) / 10, 1), service_name(b, pb.nearest)});
    }
    return o + (md ? render_markdown(t) : render_text(t));
}

} // namespace

std::string render_coverage_report(const SituationView& s, const ReportOptions& opt) {
    const auto& e = *s.evaluation;
    const bool by_canton = opt.by == Rows::canton;
    if (opt.format == Format::csv) return render_csv(group_table(s, by_canton, false));
    if (opt.format == Format::json) {
        const auto& m = e.by_canton.total;
        JsonWriter w(JsonStyle::report());
        w.begin_object(JsonWriter::Layout::lines);
        w.key("territory").string(s.territory->name);
        w.key("as_of").string(s.as_of.iso());
        w.key("travel_model").string(e.model);
        w.key("demand").string(s.demand->description);
        w.key("notes").begin_array();
        for (const auto& n : s.services->notes) w.string(n);
        w.end_array();
        w.key("population").integer(people(m.population));
        auto thresholds = [&](const GroupCoverage& g) {
            w.begin_array();
            for (const auto& th : g.thresholds) {
                w.begin_object().key("minutes").integer(th.threshold_min);
                w.key("within").integer(people(th.within)).key("fixed").integer(people(th.fixed));
                w.key("mobile_only").integer(people(th.mobile_only)).key("none").integer(people(th.none));
                w.end_object();
            }
            w.end_array();
        };
        w.key("thresholds");
        thresholds(m);
        // The same without the hypothetical schedules; null when none is used.
        w.key("thresholds_without_hypotheses");
        if (s.factual) thresholds(s.factual->by_canton.total);
        else w.null();
        w.key("mean_time_min");
        if (m.mean_time_s) w.fixed(*m.mean_time_s / 60.0, 2);
        else w.null();
        w.key("mean_time_min_without_hypotheses");
        if (s.factual && s.factual->by_canton.total.mean_time_s) w.fixed(*s.factual->by_canton.total.mean_time_s / 60.0, 2);
        else w.null();
        // Percentiles in minutes, null when unknown or unreachable.
        auto percentile_min = [&](const char* key, std::optional<std::uint32_t> time_s) {
            w.key(key);
            if (time_s && *time_s != network::kUnreachable) w.fixed(*time_s / 60.0, 2);
            else w.null();
        };
        percentile_min("median_time_min", m.median_time_s);
        percentile_min("p90_time_min", m.p90_time_s);
        const auto table = group_table(s, by_canton, false);
        w.key(by_canton ? "cantons" : "communes").begin_array(JsonWriter::Layout::lines);
        for (const auto& row : table.rows) {
            w.begin_object();
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                const auto& v = row[c];
                const bool text = c < 2 || (c + 1 == table.columns.size() && by_canton) || v.empty() || v == "unreachable";
                w.key(table.columns[c]);
                if (!text) w.number(v);
                else if (v.empty()) w.null();
                else w.string(v);
            }
            w.end_object();
        }
        w.end_array().end_object();
        return w.take() + "\n";
    }
    const bool md = opt.format == Format::md;
    std::string o;
    const std::string title = "Coverage of " + s.territory->name + ", France Services open on " + s.as_of.iso();
    o += md ? "# " + markdown_text(title) + "\n\n" : title + "\n" + std::string(title.size(), '=') + "\n";
    for (const auto& c : caveats(s)) o += (md ? "> " + markdown_text(c) : c) + "\n";
    o += md ? "\n## Territory\n\n" : "\nTerritory\n";
    o += summary_text(s, md);
    const std::string rows = by_canton ? "canton" : "commune";
    o += md ? "\n## By " + rows + "\n\n" : "\nBy " + rows + " (times in minutes)\n";
    o += md ? render_markdown(group_table(s, by_canton, true)) : render_text(group_table(s, by_canton, true));
    o += md ? "\n## Worst-served communes\n\n" : "\nWorst-served demand points\n";
    Table w;
    w.columns = {"code", "name", "population", "minutes", "nearest France Services",
                 "hours/week within " + std::to_string(e.params.service_threshold_min) + " min"};
    w.right_align = {false, false, true, true, false, true};
    for (const auto& item : worst_points(s, opt.worst)) {
        const auto& d = s.demand->points[item.point];
        const auto& pc = s.evaluation->points[item.point];
        w.add_row({d.id, d.name, format_grouped(people(d.population)), minutes(pc.time_s), service_name(s, pc.nearest),
                   hours_cell(e, pc)});
    }
    o += md ? render_markdown(w) : render_text(w);
    if (!s.cantons->without_site.empty()) {
        o += md ? "\n## Cantons with no site\n\n" : "\nCantons with no site\n";
        for (const auto& code : s.cantons->without_site)
            for (const auto& row : s.cantons->rows)
                if (row.code == code)
                    o += (md ? "- " + markdown_text(code + " " + row.name) : "  " + code + " " + row.name) + "\n";
    }
    const auto& snaps = e.snaps.too_far;
    if (!snaps.empty()) {
        o += md ? "\n## Points too far from any road (unreachable)\n\n" : "\nPoints too far from any road (unreachable)\n";
        for (const auto& sn : snaps) {
            const std::string line =
                std::string(sn.is_site ? "site " : "demand ") + sn.id + ": " + format_fixed(sn.distance_m, 0) + " m";
            o += (md ? "- " + markdown_text(line) : "  " + line) + "\n";
        }
    }
    return o;
}

std::string render_comparison(const SituationView& a, const SituationView& b, const ReportOptions& opt) {
    const bool md = opt.format == Format::md;
    if (opt.format == Format::json || opt.format == Format::csv) {
        Table t;
        t.columns = {"code", "canton", "population"};
        for (auto th : b.evaluation->params.thresholds_min) {
            t.columns.push_back("within_" + std::to_string(th) + "min_before");
            t.columns.push_back("within_" + std::to_string(th) + "min_after");
        }
        t.columns.insert(t.columns.end(), {"has_site_before", "has_site_after"});
        for (std::size_t k = 0; k < b.territory->cantons.size(); ++k) {
            const auto& ma = a.evaluation->by_canton.groups[k];
            const auto& mb = b.evaluation->by_canton.groups[k];
            std::vector<std::string> row{b.territory->cantons[k].code, b.territory->cantons[k].name,
                                         std::to_string(people(mb.population))};
            for (std::size_t i = 0; i < mb.thresholds.size(); ++i) {
                row.push_back(std::to_string(people(ma.thresholds[i].within)));
                row.push_back(std::to_string(people(mb.thresholds[i].within)));
            }
            row.push_back(a.cantons->rows[k].has_site ? "yes" : "no");
            row.push_back(b.cantons->rows[k].has_site ? "yes" : "no");
            t.add_row(std::move(row));
        }
        if (opt.format == Format::csv) return render_csv(t);
        JsonWriter w(JsonStyle::report());
        w.begin_object(JsonWriter::Layout::lines);
        w.key("before").string(a.label).key("after").string(b.label);
        w.key("travel_model").string(b.evaluation->model);
        const auto changes = site_changes(a, b);
        auto sites = [&](const char* key, const std::vector<SiteChange>& list) {
            w.key(key).begin_array(JsonWriter::Layout::lines);
            for (const auto& site : list) {
                w.begin_object().key("id").string(site.id).key("name").string(site.name);
                w.key("format").string(site.format).key("in_territory").boolean(site.own);
                w.end_object();
            }
            w.end_array();
        };
        sites("sites_added", changes.added);
        sites("sites_removed", changes.removed);
        w.key("cantons").begin_array(JsonWriter::Layout::lines);
        for (const auto& row : t.rows) {
            w.begin_object();
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                const bool text = c < 2 || c + 2 >= t.columns.size();
                w.key(t.columns[c]);
                if (text) w.string(row[c]);
                else w.number(row[c]);
            }
            w.end_object();
        }
        w.end_array().end_object();
        return w.take() + "\n";
    }
    std::string o;
    const std::string title = "Comparison: " + a.label + " -> " + b.label;
    const auto quoted_line = [&](const std::string& line) { return (md ? "> " + markdown_text(line) : line) + "\n"; };
    o += md ? "# " + markdown_text(title) + "\n\n" : title + "\n" + std::string(title.size(), '=') + "\n";
    o += quoted_line("Travel model: " + b.evaluation->model);
    if (a.evaluation->model != b.evaluation->model) o += quoted_line("Before used another model: " + a.evaluation->model);
    for (const auto& n : b.services->notes) o += quoted_line(n);
    const auto changes = site_changes(a, b);
    auto list_sites = [&](const std::vector<SiteChange>& sites, bool want_own, const std::string& head) {
        std::string part;
        std::size_t count = 0;
        for (const auto& site : sites) {
            if (site.own != want_own) continue;
            const std::string line = site.id + " " + site.name + " [" + site.format + "]";
            part += (md ? "- " + markdown_text(line) : "  " + line) + "\n";
            ++count;
        }
        const std::string heading = head + ": " + (count == 0 ? std::string("none") : std::to_string(count));
        o += (md ? "\n## " + markdown_text(heading) + "\n\n" : "\n" + heading + "\n") + part;
    };
    const std::string own_name = b.territory->name;
    list_sites(changes.added, true, "Sites added in " + own_name);
    list_sites(changes.removed, true, "Sites removed in " + own_name);
    list_sites(changes.added, false, "Sites added in the neighbouring départements");
    list_sites(changes.removed, false, "Sites removed in the neighbouring départements");
    o += md ? "\n## Territory\n\n" : "\nTerritory\n";
    const auto& ta = a.evaluation->by_canton.total;
    const auto& tb = b.evaluation->by_canton.total;
    for (std::size_t i = 0; i < tb.thresholds.size(); ++i) {
        const double before = ta.thresholds[i].within, after = tb.thresholds[i].within;
        o += (md ? "- " : "  ") + std::string("Within ") + std::to_string(tb.thresholds[i].threshold_min) +
             " min: " + format_grouped(people(before)) + " -> " + format_grouped(people(after)) + " (" +
             (after >= before ? "+" : "") + format_grouped(people(after - before)) + " residents; " + pct(before, ta.population) +
             " % -> " + pct(after, tb.population) + " %)\n";
    }
    o += (md ? "- " : "  ") + std::string("Mean time: ") + minutes_d(ta.mean_time_s) + " -> " +
         minutes_d(tb.mean_time_s) + " min; cantons with no site: " + std::to_string(a.cantons->without_site.size()) +
         " -> " + std::to_string(b.cantons->without_site.size()) + "\n";
    o += md ? "\n## Change per canton (before -> after)\n\n" : "\nChange per canton (before -> after)\n";
    const auto& thresholds = b.evaluation->params.thresholds_min;
    Table t;
    t.columns = {"code", "canton"};
    for (auto th : thresholds) {
        t.columns.push_back("≤" + std::to_string(th) + " min %");
        t.columns.push_back("newly ≤" + std::to_string(th) + " min");
    }
    t.columns.insert(t.columns.end(), {"mean min", "site"});
    t.right_align.assign(t.columns.size(), true);
    t.right_align[0] = t.right_align[1] = t.right_align.back() = false;
    for (std::size_t k = 0; k < b.territory->cantons.size(); ++k) {
        const auto& ma = a.evaluation->by_canton.groups[k];
        const auto& mb = b.evaluation->by_canton.groups[k];
        std::vector<std::string> row{b.territory->cantons[k].code, b.territory->cantons[k].name};
        for (std::size_t i = 0; i < thresholds.size(); ++i) {
            row.push_back(pct(ma.thresholds[i].within, ma.population) + " -> " + pct(mb.thresholds[i].within, mb.population));
            const long long change = people(mb.thresholds[i].within - ma.thresholds[i].within);
            row.push_back((change > 0 ? "+" : "") + format_grouped(change));
        }
        row.push_back(minutes_d(ma.mean_time_s) + " -> " + minutes_d(mb.mean_time_s));
        row.push_back(std::string(a.cantons->rows[k].has_site ? "yes" : "no") + " -> " +
                      (b.cantons->rows[k].has_site ? "yes" : "no"));
        t.add_row(std::move(row));
    }
    o += md ? render_markdown(t) : render_text(t);
    o += improvements_text(a, b, opt.improvements, md);
    return o;
}

std::vector<std::string> coverage_report_notes(const SituationView& s) {
    std::vector<std::string> out{"territory: " + s.territory->name, "sites open on: " + s.as_of.iso(),
                                 "travel model: " + s.evaluation->model, "demand: " + s.demand->description};
    for (const auto& n : s.services->notes) out.push_back("note: " + n);
    return out;
}

std::vector<std::string> comparison_notes(const SituationView& before, const SituationView& after) {
    std::vector<std::string> out{"territory: " + after.territory->name, "before: " + before.label,
                                 "after: " + after.label, "travel model: " + after.evaluation->model,
                                 "demand: " + after.demand->description};
    for (const auto& n : after.services->notes) out.push_back("note: " + n);
    return out;
}

} // namespace maillage
