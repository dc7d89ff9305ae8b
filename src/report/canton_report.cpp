#include "report/canton_report.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "report/table.hpp"

#include <algorithm>
#include <cmath>

namespace maillage {

CantonReport canton_report(const Territory& t, const Date& as_of) {
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
    }
    r.communes = t.communes.size();
    r.sites_total = t.sites.size();
    for (const auto& s : t.sites) {
        if (!s.open_at(as_of)) continue;
        ++r.open_sites;
        ++r.open_by_format[static_cast<std::size_t>(s.format)];
        if (s.commune == kInvalid) {
            r.open_sites_outside.push_back(s.id);
        } else {
            for (CantonId k : t.communes[s.commune].cantons) {
                auto& row = r.rows[k];
                ++row.sites_by_format[static_cast<std::size_t>(s.format)];
                ++row.sites;
                row.site_ids.push_back(s.id);
            }
        }
        if (s.strict_canton != kInvalid) ++r.rows[s.strict_canton].strict_sites;
    }
    for (auto& row : r.rows) {
        row.has_site = row.sites > 0;
        row.strict_has_site = row.strict_sites > 0;
        std::sort(row.site_ids.begin(), row.site_ids.end());
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

std::string render_canton_report(const CantonReport& r, const std::string& format) {
    const auto total_pop = static_cast<long long>(std::llround(r.population));
    const std::size_t with_site = r.rows.size() - r.without_site.size();
    if (format == "csv") return render_csv(canton_table(r, false));
    if (format == "json") {
        std::string o = "{\n";
        o += "  \"territory\": " + json_string(r.territory) + ",\n";
        o += "  \"as_of\": " + json_string(r.as_of.iso()) + ",\n";
        o += "  \"population_label\": " + json_string(r.population_label) + ",\n";
        o += "  \"cantons\": [\n";
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            const auto& row = r.rows[i];
            o += "    {\"code\": " + json_string(row.code) + ", \"name\": " + json_string(row.name) +
                 ", \"communes\": " + std::to_string(row.communes) +
                 ", \"population\": " + std::to_string(std::llround(row.population)) +
                 ", \"sites\": {\"fixed\": " + std::to_string(row.sites_by_format[0]) +
                 ", \"multi_site\": " + std::to_string(row.sites_by_format[1]) +
                 ", \"bus\": " + std::to_string(row.sites_by_format[2]) +
                 ", \"itinerant\": " + std::to_string(row.sites_by_format[3]) +
                 ", \"total\": " + std::to_string(row.sites) + "}, \"has_site\": " + (row.has_site ? "true" : "false") +
                 ", \"strict_sites\": " + std::to_string(row.strict_sites) +
                 ", \"strict_has_site\": " + (row.strict_has_site ? "true" : "false") + ", \"site_ids\": [";
            for (std::size_t j = 0; j < row.site_ids.size(); ++j) o += (j ? ", " : "") + json_string(row.site_ids[j]);
            o += "]}" + std::string(i + 1 < r.rows.size() ? "," : "") + "\n";
        }
        o += "  ],\n  \"totals\": {\"cantons\": " + std::to_string(r.rows.size()) +
             ", \"cantons_with_site\": " + std::to_string(with_site) + ", \"communes\": " + std::to_string(r.communes) +
             ", \"population\": " + std::to_string(total_pop) + ", \"open_sites\": " + std::to_string(r.open_sites) +
             ", \"open_fixed\": " + std::to_string(r.open_by_format[0]) +
             ", \"open_multi_site\": " + std::to_string(r.open_by_format[1]) +
             ", \"open_bus\": " + std::to_string(r.open_by_format[2]) +
             ", \"open_itinerant\": " + std::to_string(r.open_by_format[3]) +
             ", \"sites_in_layer\": " + std::to_string(r.sites_total) + "},\n";
        auto list = [&](const std::vector<std::string>& v) {
            std::string s = "[";
            for (std::size_t j = 0; j < v.size(); ++j) s += (j ? ", " : "") + json_string(v[j]);
            return s + "]";
        };
        o += "  \"cantons_without_site\": " + list(r.without_site) + ",\n";
        o += "  \"cantons_without_site_strict\": " + list(r.strict_without_site) + ",\n";
        o += "  \"open_sites_outside\": " + list(r.open_sites_outside) + "\n}\n";
        return o;
    }
    const bool md = format == "md";
    if (!md && format != "table") throw UsageError("unknown format " + format + " (expected table, csv, md or json)");
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
    o += "\nA commune split between cantons (Rennes, Fougeres, Saint-Malo) counts for each canton it overlaps;\n"
         "its population is shared between them by area.\n";
    return o;
}

} // namespace maillage
