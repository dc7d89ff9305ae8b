#include "report/canton_report.hpp"

#include "core/error.hpp"
#include "coverage/canton_rule.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "report/table.hpp"

#include <cmath>

namespace maillage {

CantonReport canton_report(const Territory& t, const Date& as_of, const std::vector<Site>& added) {
    CantonReport r;
    r.territory = t.name;
    r.as_of = as_of;
    r.population_label = t.population_label;
    r.rows.resize(t.cantons.size());
    for (CantonId k = 0; k < t.cantons.size(); ++k) {
        r.rows[k].canton = k;
        r.rows[k].code = t.cantons[k].code;
        r.rows[k].name = t.cantons[k].name;
    }
    for (const auto& c : t.communes) {
        for (std::size_t j = 0; j < c.cantons.size(); ++j) {
            auto& row = r.rows[c.cantons[j]];
            ++row.communes;
            row.population += c.population * c.canton_share[j];
        }
        r.population += c.population;
        if (c.cantons.size() > 1) r.split.push_back({c.code, c.name, c.cantons.size(), c.share_rule});
    }
    r.communes = t.communes.size();
    r.sites_total = t.sites.size() + added.size();
    CantonRule rule = canton_rule(t, as_of, added);
    r.open_sites = rule.open_sites;
    r.open_by_format = rule.open_by_format;
    r.open_sites_outside = std::move(rule.open_sites_outside);
    for (CantonId k = 0; k < t.cantons.size(); ++k) {
        auto& row = r.rows[k];
        auto& sites = rule.cantons[k];
        row.sites_by_format = sites.by_format;
        row.sites = sites.sites;
        row.has_site = sites.has_site();
        row.strict_sites = sites.strict_sites;
        row.strict_has_site = sites.strict_has_site();
        row.site_ids = std::move(sites.site_ids);
        if (!row.has_site) r.without_site.push_back(row.code);
        if (!row.strict_has_site) r.strict_without_site.push_back(row.code);
    }
    return r;
}

namespace {

Table canton_table(const CantonReport& r, bool human) {
    Table t;
    t.columns = {"code", "name", "communes", "population", "fixed", "multi_site", "bus", "itinerant",
                 "sites", "has_site", "strict_sites", "strict_has_site"};
    t.right_align = {false, false, true, true, true, true, true, true, true, false, true, false};
    if (human) {
        t.columns = {"code", "canton", "communes", "population", "fixed", "multi", "bus", "itin.",
                     "sites", "has site", "strict", "strict has site"};
    }
    auto pop = [&](double p) {
        const auto v = static_cast<long long>(std::llround(p));
        return human ? format_grouped(v) : std::to_string(v);
    };
    for (const auto& row : r.rows) {
        t.add_row({row.code, row.name, std::to_string(row.communes), pop(row.population),
                   std::to_string(row.sites_by_format[0]), std::to_string(row.sites_by_format[1]),
                   std::to_string(row.sites_by_format[2]), std::to_string(row.sites_by_format[3]),
                   std::to_string(row.sites), row.has_site ? "yes" : "no", std::to_string(row.strict_sites),
                   row.strict_has_site ? "yes" : "no"});
    }
    return t;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
    return out;
}

std::string names_of(const CantonReport& r, const std::vector<std::string>& codes) {
    std::vector<std::string> out;
    for (const auto& code : codes)
        for (const auto& row : r.rows)
            if (row.code == code) out.push_back(code + " " + row.name);
    return join(out, ", ");
}

} // namespace

std::string render_canton_report(const CantonReport& r, Format format) {
    const auto total_pop = static_cast<long long>(std::llround(r.population));
    const std::size_t with_site = r.rows.size() - r.without_site.size();
    if (format == Format::csv) return render_csv(canton_table(r, false));
    if (format == Format::json) {
        JsonWriter w(JsonStyle::report());
        w.begin_object(JsonWriter::Layout::lines);
        w.key("territory").string(r.territory);
        w.key("as_of").string(r.as_of.iso());
        w.key("population_label").string(r.population_label);
        w.key("cantons").begin_array(JsonWriter::Layout::lines);
        for (const auto& row : r.rows) {
            w.begin_object();
            w.key("code").string(row.code).key("name").string(row.name);
            w.key("communes").integer(row.communes);
            w.key("population").integer(std::llround(row.population));
            w.key("sites").begin_object();
            w.key("fixed").integer(row.sites_by_format[0]).key("multi_site").integer(row.sites_by_format[1]);
            w.key("bus").integer(row.sites_by_format[2]).key("itinerant").integer(row.sites_by_format[3]);
            w.key("total").integer(row.sites).end_object();
            w.key("has_site").boolean(row.has_site);
            w.key("strict_sites").integer(row.strict_sites);
            w.key("strict_has_site").boolean(row.strict_has_site);
            w.key("site_ids").begin_array();
            for (const auto& id : row.site_ids) w.string(id);
            w.end_array().end_object();
        }
        w.end_array();
        w.key("totals").begin_object();
        w.key("cantons").integer(r.rows.size()).key("cantons_with_site").integer(with_site);
        w.key("communes").integer(r.communes).key("population").integer(total_pop);
        w.key("open_sites").integer(r.open_sites);
        w.key("open_fixed").integer(r.open_by_format[0]).key("open_multi_site").integer(r.open_by_format[1]);
        w.key("open_bus").integer(r.open_by_format[2]).key("open_itinerant").integer(r.open_by_format[3]);
        w.key("sites_in_layer").integer(r.sites_total).end_object();
        auto list = [&](const char* key, const std::vector<std::string>& v) {
            w.key(key).begin_array();
            for (const auto& item : v) w.string(item);
            w.end_array();
        };
        list("cantons_without_site", r.without_site);
        list("cantons_without_site_strict", r.strict_without_site);
        list("open_sites_outside", r.open_sites_outside);
        w.key("split_communes").begin_array();
        for (const auto& s : r.split)
            w.begin_object().key("code").string(s.code).key("name").string(s.name).key("cantons").integer(s.cantons)
                .key("population_shared_by").string(to_string(s.rule)).end_object();
        w.end_array();
        w.end_object();
        return w.take() + "\n";
    }
    const bool md = format == Format::md;
    std::string o;
    const std::string title = "Cantons of " + r.territory + ", France Services open on " + r.as_of.iso();
    o += md ? "## " + markdown_text(title) + "\n\n" : title + "\n\n";
    o += md ? render_markdown(canton_table(r, true)) : render_text(canton_table(r, true));
    o += "\n";
    auto item = [&](const std::string& s) { o += (md ? "- " + markdown_text(s) : s) + "\n"; };
    item("Cantons: " + std::to_string(r.rows.size()) + ", with a site: " + std::to_string(with_site) +
         ", without: " + std::to_string(r.without_site.size()));
    item("Communes: " + std::to_string(r.communes) + ", population: " + format_grouped(total_pop) +
         (r.population_label.empty() ? "" : " (" + r.population_label + ")"));
    item("Open sites: " + std::to_string(r.open_sites) + " of " + std::to_string(r.sites_total) + " in the list (" +
         std::to_string(r.open_by_format[0]) + " fixed, " + std::to_string(r.open_by_format[1]) + " multi-site, " +
         std::to_string(r.open_by_format[2]) + " bus, " + std::to_string(r.open_by_format[3]) + " itinerant)");
    item("Cantons with no site: " + (r.without_site.empty() ? std::string("none") : names_of(r, r.without_site)));
    item("Strict view (site point inside the canton polygon), cantons with no site: " +
         (r.strict_without_site.empty() ? std::string("none") : names_of(r, r.strict_without_site)));
    if (!r.open_sites_outside.empty()) item("Open sites outside every commune: " + join(r.open_sites_outside, ", "));
    if (!r.split.empty()) {
        o += "\nA commune split between cantons counts for each canton it overlaps; its population is shared between them:\n";
        for (const auto& s : r.split)
            item(s.code + " " + s.name + " (" + std::to_string(s.cantons) + " cantons): by " + to_string(s.rule) +
                 (s.rule == ShareRule::area ? " (no finer demand layer and no official canton populations given)" : ""));
    }
    return o;
}

} // namespace maillage
