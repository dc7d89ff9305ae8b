#include "report/coverage_report.hpp"

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "report/models_report.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>
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
    return p.name + " [" + to_string(p.format) + (p.neighbour ? ", neighbour" : "") + "]";
}

std::vector<std::string> caveats(const SituationView& s) {
    std::vector<std::string> out;
    out.push_back("Travel model: " + s.evaluation->model);
    if (auto note = crow_fly_measured_error_note(s.evaluation->model); !note.empty()) out.push_back(note);
    out.push_back("Demand: " + s.demand->description);
    for (const auto& n : s.services->notes) out.push_back(n);
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
    for (const auto& th : m.thresholds) {
        item("Within " + std::to_string(th.threshold_min) + " min: " + format_grouped(people(th.within)) + " (" +
             pct(th.within, m.population) + " %): " + format_grouped(people(th.fixed)) + " by a fixed or multi-site office, " +
             format_grouped(people(th.mobile_only)) + " only by a bus or itinerant stop; beyond: " +
             format_grouped(people(th.none)));
    }
    item("Time to the nearest France Services (population weighted): mean " + minutes_d(m.mean_time_s) +
         " min, median " + minutes(m.median_time_s) + " min, 90th percentile " + minutes(m.p90_time_s) + " min");
    item("Weekly hours reachable within " + std::to_string(e.params.service_threshold_min) + " min: " +
         format_grouped(people(sv.meets_rule)) + " residents (" + pct(sv.meets_rule, sv.population) + " %) reach at least " +
         format_fixed(e.params.required_hours, 0) + " h a week; " + format_grouped(people(sv.no_service)) +
         " reach none; mean " + (sv.mean_minutes_per_week ? format_fixed(*sv.mean_minutes_per_week / 60.0, 1) : "") + " h");
    item("Cantons with no site: " + std::to_string(s.cantons->without_site.size()) + " of " +
         std::to_string(s.cantons->rows.size()));
    return o;
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
        w.key("thresholds").begin_array();
        for (const auto& th : m.thresholds) {
            w.begin_object().key("minutes").integer(th.threshold_min);
            w.key("within").integer(people(th.within)).key("fixed").integer(people(th.fixed));
            w.key("mobile_only").integer(people(th.mobile_only)).key("none").integer(people(th.none));
            w.end_object();
        }
        w.end_array();
        w.key("mean_time_min");
        if (m.mean_time_s) w.fixed(*m.mean_time_s / 60.0, 2);
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
    w.columns = {"code", "name", "population", "minutes", "nearest France Services", "hours/week"};
    w.right_align = {false, false, true, true, false, true};
    for (const auto& item : worst_points(s, opt.worst)) {
        const auto& d = s.demand->points[item.point];
        const auto& pc = s.evaluation->points[item.point];
        w.add_row({d.id, d.name, format_grouped(people(d.population)), minutes(pc.time_s), service_name(s, pc.nearest),
                   format_fixed(pc.minutes_per_week / 60.0, 1)});
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
    std::set<std::string> ids_a, ids_b;
    for (const auto& p : a.services->points) ids_a.insert(p.site_id.empty() ? p.id : p.site_id);
    for (const auto& p : b.services->points) ids_b.insert(p.site_id.empty() ? p.id : p.site_id);
    auto list_sites = [&](const SituationView& s, const std::set<std::string>& other, const std::string& head) {
        std::set<std::string> done;
        std::string part = md ? "\n## " + head + "\n\n" : "\n" + head + "\n";
        std::size_t count = 0;
        for (const auto& p : s.services->points) {
            const std::string id = p.site_id.empty() ? p.id : p.site_id;
            if (other.count(id) || !done.insert(id).second) continue;
            const std::string line = id + " " + p.name + " [" + to_string(p.format) +
                                     (p.neighbour ? ", neighbouring departement" : "") + "]";
            part += (md ? "- " + markdown_text(line) : "  " + line) + "\n";
            ++count;
        }
        if (count == 0) part += std::string(md ? "- " : "  ") + "none\n";
        o += part;
    };
    list_sites(b, ids_a, "Sites added");
    list_sites(a, ids_b, "Sites removed");
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
    o += md ? "\n## Change per canton\n\n" : "\nChange per canton\n";
    const std::size_t mt = main_threshold(*b.evaluation);
    Table t;
    const std::string th = std::to_string(b.evaluation->params.thresholds_min[mt]);
    t.columns = {"code", "canton", "≤" + th + " min before %", "after %", "newly within", "mean before", "mean after",
                 "site before", "site after"};
    t.right_align = {false, false, true, true, true, true, true, false, false};
    for (std::size_t k = 0; k < b.territory->cantons.size(); ++k) {
        const auto& ma = a.evaluation->by_canton.groups[k];
        const auto& mb = b.evaluation->by_canton.groups[k];
        t.add_row({b.territory->cantons[k].code, b.territory->cantons[k].name,
                   pct(ma.thresholds[mt].within, ma.population), pct(mb.thresholds[mt].within, mb.population),
                   format_grouped(people(mb.thresholds[mt].within - ma.thresholds[mt].within)), minutes_d(ma.mean_time_s),
                   minutes_d(mb.mean_time_s), a.cantons->rows[k].has_site ? "yes" : "no",
                   b.cantons->rows[k].has_site ? "yes" : "no"});
    }
    o += md ? render_markdown(t) : render_text(t);
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
