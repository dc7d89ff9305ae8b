#include "io/territory_loader.hpp"

#include "core/error.hpp"
#include "core/text.hpp"
#include "geo/transform.hpp"
#include "io/opening_hours.hpp"
#include "model/territory_build.hpp"

#include <algorithm>
#include <functional>
#include <cmath>
#include <filesystem>
#include <optional>
#include <map>
#include <regex>
#include <set>
#include <unordered_map>

namespace maillage {

namespace {

std::string rewrite(const std::string& code, const std::optional<CodeRewrite>& rw) {
    if (!rw) return code;
    const std::regex re(rw->pattern);
    if (!std::regex_match(code, re)) return code;
    return std::regex_replace(code, re, rw->replacement);
}

const std::string& value_or_fail(const geo::VectorLayer& layer, const geo::Feature& f, std::size_t idx,
                                 const std::string& what) {
    const auto& v = f.values[idx];
    if (!v || trim(*v).empty())
        throw InputError(layer.where(f) + ": " + what + " (field " + quote(layer.fields[idx]) + ") is empty");
    return *v;
}

void summarize(LoadReport& report, const std::string& role, const geo::VectorLayer& layer,
               std::size_t skipped = 0) {
    report.layers.push_back(LayerSummary{role, layer.source, layer.layer_name, layer.driver, layer.source_crs,
                                         layer.stats.features, layer.stats.repaired, skipped});
}

} // namespace

std::string implausible_population(double population, const std::string& text) {
    if (population <= kMaxPlausiblePopulation) return {};
    return "population " + quote(text) + " is implausible (more than " +
           group_digits(static_cast<unsigned long long>(kMaxPlausiblePopulation), ",") +
           " residents in one row): a figure in the wrong unit or column?";
}

void add_problem(LoadReport& report, const LoadOptions& options, std::string kind, std::string message) {
    if (options.strict) throw InputError(message + " (strict mode)");
    report.problems.add(std::move(kind), std::move(message));
}

namespace {

void problem(LoadReport& report, const LoadOptions& options, std::string kind, std::string message) {
    add_problem(report, options, std::move(kind), std::move(message));
}

bool keep_row(const geo::VectorLayer& layer, const geo::Feature& f, const std::optional<RowFilter>& filter,
              std::size_t filter_idx) {
    if (!filter) return true;
    const auto& v = f.values[filter_idx];
    const std::string value = v ? std::string(trim(*v)) : "";
    (void)layer;
    return std::find(filter->values.begin(), filter->values.end(), value) != filter->values.end();
}

// The merge table and the composition table: two code columns and an
// optional row filter, read without geometry.
std::vector<std::string> code_table_fields(const std::string& first, const std::string& second,
                                           const std::optional<RowFilter>& filter) {
    std::vector<std::string> fields{first, second};
    if (filter) fields.push_back(filter->field);
    return fields;
}

geo::VectorLayer read_table(const geo::LayerSpec& spec, std::vector<std::string> fields, const Scenario& scenario,
                            const Logger& log) {
    geo::ReadOptions ro;
    ro.target_crs = scenario.crs;
    ro.fields = std::move(fields);
    return geo::read_layer(spec, ro, log);
}

// A name from a name table: trimmed, UTF-8 (an error naming the row otherwise).
std::string name_value(const geo::VectorLayer& layer, const geo::Feature& f, std::size_t idx, const std::string& what) {
    const std::string name(trim(f.values[idx].value_or("")));
    if (!is_valid_utf8(name))
        throw InputError(layer.where(f) + ": " + what + " " + quote(name) + " (field " + quote(layer.fields[idx]) +
                         ") is not UTF-8");
    return name;
}

// "3518 Rennes-1, 3519 Rennes-2" for a note, at most `shown` items.
std::string listed(const std::vector<std::string>& items, std::size_t shown = 10) {
    std::string out;
    for (std::size_t i = 0; i < items.size() && i < shown; ++i) out += (i ? ", " : "") + items[i];
    if (items.size() > shown) out += ", ... (" + std::to_string(items.size() - shown) + " more)";
    return out;
}

bool same_source(const geo::LayerSpec& a, const geo::LayerSpec& b) {
    return std::filesystem::path(a.path).lexically_normal() == std::filesystem::path(b.path).lexically_normal() &&
           a.layer == b.layer && a.x_field == b.x_field && a.y_field == b.y_field && a.source_crs == b.source_crs;
}

// Calls fn(feature) for the rows of a code table the filter keeps; the
// table's columns start at `offset` (code, code, filter). Returns the number
// of rows the filter left out.
template <class Fn>
std::size_t for_each_row(const geo::VectorLayer& layer, std::size_t offset, const std::optional<RowFilter>& filter,
                         Fn&& fn) {
    std::size_t skipped = 0;
    for (const auto& f : layer.features) {
        if (!keep_row(layer, f, filter, offset + 2)) {
            ++skipped;
            continue;
        }
        fn(f);
    }
    return skipped;
}

geo::VectorLayer read_polygons(const geo::LayerSpec& spec, const std::vector<std::string>& fields,
                               const Scenario& scenario, const LoadOptions& options, const Logger& log,
                               const char* role) {
    geo::ReadOptions ro;
    ro.target_crs = scenario.crs;
    ro.fields = fields;
    ro.repair = scenario.repair && !options.strict;
    auto layer = geo::read_layer(spec, ro, log);
    if (layer.features.empty()) throw InputError(layer.source + ": " + role + " layer is empty (no feature)");
    for (const auto& f : layer.features) {
        if (f.kind != geo::GeometryKind::polygon)
            throw InputError(layer.where(f) + ": expected a polygon for a " + role + " feature" +
                             (f.kind == geo::GeometryKind::none ? " (no geometry)" : ""));
    }
    return layer;
}

// Reads a sites layer. `inside`: the territory's own list (a site outside
// every commune is a problem); false for neighbouring sites, which are
// expected outside and attached by their point only.
// For a site outside every commune: if its lon/lat read the other way round
// falls in a commune, say so (the columns are probably swapped).
std::string swapped_hint(const geo::LonLat& lonlat, const Territory& t, const std::string& crs) {
    if (std::abs(lonlat.lat) > 180 || std::abs(lonlat.lon) > 90) return {};
    geo::Point p;
    try {
        p = geo::CoordinateTransform("EPSG:4326", crs).forward(lonlat.lat, lonlat.lon);
    } catch (const Error&) {
        return {};
    }
    if (const CommuneId i = t.commune_at(p); i != kInvalid)
        return "; with latitude and longitude swapped it would lie in commune " + t.communes[i].code + " " +
               t.communes[i].name + ": are the lon/lat columns swapped?";
    return {};
}

std::vector<Site> read_sites(const SiteSource& ss, const Scenario& scenario, const Territory& t,
                             const std::unordered_map<std::string, CommuneId>& commune_by_code,
                             const std::function<std::string(std::string)>& current_code, bool inside,
                             LoadReport& report, const LoadOptions& options, const Logger& log) {
    std::vector<Site> sites;

        geo::ReadOptions ro;
        ro.target_crs = scenario.crs;
        ro.fields = {ss.id_field, ss.name_field, ss.commune_field};
        const std::size_t fmt_idx = ro.fields.size();
        if (!ss.format_field.empty()) ro.fields.push_back(ss.format_field);
        const std::size_t date_idx = ro.fields.size();
        if (!ss.date_field.empty()) ro.fields.push_back(ss.date_field);
        const std::size_t hours_idx = ro.fields.size();
        for (const auto& h : ss.hours_fields) ro.fields.push_back(h);
        auto layer = geo::read_layer(ss.layer, ro, log);
        summarize(report, inside ? "sites" : "neighbour sites", layer);
        if (layer.features.empty()) throw InputError(layer.source + ": sites layer is empty (no feature)");
        std::map<std::string, std::string> seen;
        for (const auto& f : layer.features) {
            Site s;
            s.where = layer.where(f);
            s.id = std::string(trim(value_or_fail(layer, f, 0, "site id")));
            if (auto [it, fresh] = seen.emplace(s.id, s.where); !fresh)
                throw InputError(s.where + ": duplicate site id " + quote(s.id) + " (first at " + it->second + ")");
            s.name = f.values[1].value_or("");
            s.commune_code = current_code(std::string(trim(f.values[2].value_or(""))));
            if (f.kind != geo::GeometryKind::point || !f.lonlat)
                throw InputError(s.where + ": site " + quote(s.id) + " has no point geometry");
            s.xy = f.point;
            s.lonlat = *f.lonlat;
            if (!ss.format_field.empty()) {
                s.format_text = std::string(trim(f.values[fmt_idx].value_or("")));
                bool found = false;
                for (int k = 0; k < kSiteFormatCount && !found; ++k) {
                    const auto& vals = ss.format_values[static_cast<std::size_t>(k)];
                    if (std::find(vals.begin(), vals.end(), s.format_text) != vals.end()) {
                        s.format = static_cast<SiteFormat>(k);
                        found = true;
                    }
                }
                if (!found)
                    throw InputError(s.where + ": site " + quote(s.id) + ": format " + quote(s.format_text) +
                                     " is not listed in [sites.formats] of " + scenario.path);
            }
            if (!ss.date_field.empty()) {
                const std::string text = f.values[date_idx].value_or("");
                s.labelled = find_date(text, ss.date_format);
                if (!s.labelled)
                    throw InputError(s.where + ": site " + quote(s.id) + ": labelling date " + quote(text) +
                                     " has no valid date " + ss.date_format);
            } else {
                s.labelled = Date{1900, 1, 1};
            }
            for (std::size_t k = 0; k < ss.hours_fields.size(); ++k)
                s.hours.push_back(f.values[hours_idx + k].value_or(""));
            parse_site_hours(s);

            s.point_commune = t.commune_at(s.xy);
            s.strict_canton = t.canton_at(s.xy);
            auto by_code = commune_by_code.find(s.commune_code);
            s.commune = by_code != commune_by_code.end() ? by_code->second : s.point_commune;
            if (!inside) {
                // Neighbouring sites lie outside on purpose.
            } else if (s.point_commune == kInvalid) {
                ++report.sites_outside;
                problem(report, options, "site outside every commune",
                        s.where + ": site " + quote(s.id) + " " + s.name + " lies outside every commune polygon" +
                            (s.commune != kInvalid ? " (attached to commune " + s.commune_code + " by its code)"
                                                   : " and its commune code " + quote(s.commune_code) +
                                                         " is unknown: outside the territory") +
                            swapped_hint(s.lonlat, t, scenario.crs));
            } else if (by_code == commune_by_code.end() || by_code->second != s.point_commune) {
                ++report.sites_code_mismatch;
                problem(report, options, "site whose commune code disagrees with its point",
                        s.where + ": site " + quote(s.id) + " " + s.name + ": commune code " + quote(s.commune_code) +
                            " disagrees with its point, which lies in " + t.communes[s.point_commune].code + " " +
                            t.communes[s.point_commune].name +
                            (by_code == commune_by_code.end() ? " (code unknown: attached by the point)"
                                                              : " (attached by the code)"));
            }
            sites.push_back(std::move(s));
        }
        return sites;
}

} // namespace

Territory load_territory(const Scenario& scenario, LoadReport& report, const LoadOptions& options,
                         const Logger& log) {
    Territory t;
    t.name = scenario.name;
    t.crs = scenario.crs;

    // --- Cantons -----------------------------------------------------------
    // code -> "file: feature N" (with the code as read when code_rewrite changed it), for messages
    std::map<std::string, std::string> canton_where;
    {
        const auto& src = scenario.cantons;
        std::vector<std::string> fields{src.code_field, src.name_field};
        if (!src.population_field.empty()) fields.push_back(src.population_field);
        auto layer = read_polygons(src.layer, fields, scenario, options, log, "canton");
        summarize(report, "cantons", layer);
        std::map<std::string, std::string> seen;
        for (auto& f : layer.features) {
            Canton c;
            const std::string raw(trim(value_or_fail(layer, f, 0, "canton code")));
            c.code = rewrite(raw, src.code_rewrite);
            c.name = f.values[1].value_or("");
            const std::string where =
                layer.where(f) + (raw != c.code ? " (code " + quote(raw) + ", rewritten by code_rewrite)" : "");
            if (auto [it, fresh] = seen.emplace(c.code, layer.where(f)); !fresh)
                throw InputError(layer.where(f) + ": duplicate canton code " + quote(c.code) + " (first at " +
                                 it->second + ")");
            canton_where.emplace(c.code, where);
            if (!src.population_field.empty()) {
                const std::string text(trim(f.values[2].value_or("")));
                const auto pop = parse_double(text);
                if (!pop || *pop < 0)
                    throw InputError(layer.where(f) + ": canton " + quote(c.code) + ": " + src.population_field + " " +
                                     quote(text) + " is not a population (expected a number >= 0)");
                c.official_population = *pop;
            }
            set_area(c, std::move(f.polygons));
            t.cantons.push_back(std::move(c));
        }
        // Stable order whatever the layer order: by code.
        std::sort(t.cantons.begin(), t.cantons.end(), [](const Canton& a, const Canton& b) { return a.code < b.code; });
    }
    std::unordered_map<std::string, CantonId> canton_by_code;
    for (CantonId i = 0; i < t.cantons.size(); ++i) canton_by_code.emplace(t.cantons[i].code, i);

    // --- Canton names (current names replace the layer's) -----------------
    if (scenario.canton_names) {
        const auto& cn = *scenario.canton_names;
        // A polygon whose code the name table calls "not a canton" (an INSEE
        // pseudo-canton of split communes): a code_rewrite turning 35098 into
        // 3598 would give that polygon every commune of the pseudo-canton.
        for (const auto& code : cn.ignore_codes)
            if (auto it = canton_where.find(code); it != canton_where.end())
                problem(report, options, "canton code that is not a canton",
                        it->second + ": canton code " + quote(code) + " is listed in [canton_names] ignore_codes of " +
                            scenario.path + " as a code that is not a canton (an INSEE pseudo-canton of split "
                            "communes?): the composition table's communes of " + quote(code) +
                            " would all be placed in this polygon");
        const auto layer = read_table(cn.layer, code_table_fields(cn.code_field, cn.name_field, cn.filter), scenario, log);
        std::map<std::string, std::pair<std::string, std::string>> names; // code -> (name, where)
        std::set<std::string> unknown;
        const std::size_t skipped = for_each_row(layer, 0, cn.filter, [&](const geo::Feature& f) {
            const std::string code(trim(value_or_fail(layer, f, 0, "canton code")));
            if (std::find(cn.ignore_codes.begin(), cn.ignore_codes.end(), code) != cn.ignore_codes.end()) return;
            const std::string name = name_value(layer, f, 1, "canton name");
            if (name.empty()) return; // names nothing: the canton may stay unnamed, counted below
            if (auto [it, fresh] = names.emplace(code, std::pair{name, layer.where(f)}); !fresh && it->second.first != name)
                throw InputError(layer.where(f) + ": canton " + quote(code) + " is named " + quote(name) + " here but " +
                                 quote(it->second.first) + " at " + it->second.second);
            if (!canton_by_code.count(code)) unknown.insert(code);
        });
        summarize(report, "canton names", layer, skipped);
        std::vector<std::string> missing;
        for (auto& c : t.cantons) {
            if (auto it = names.find(c.code); it != names.end()) {
                c.name = it->second.first;
                ++report.canton_names_set;
            } else {
                missing.push_back(c.code + " " + c.name);
            }
        }
        report.canton_names_unknown = unknown.size();
        report.canton_names_missing = missing.size();
        if (!unknown.empty())
            report.notes.add("canton names of unknown codes", layer.source + ": " + std::to_string(unknown.size()) +
                                   " canton code(s) not in the canton layer, ignored: " +
                                   listed(std::vector<std::string>(unknown.begin(), unknown.end())));
        if (!missing.empty())
            report.notes.add("cantons without a name in the table", layer.source + ": no name for " + std::to_string(missing.size()) +
                                   " canton(s), the canton layer's name kept: " + listed(missing));
    }

    // --- Merge table (old code -> new code) --------------------------------
    // The merge and composition tables are often one file (the INSEE COG
    // commune list, filtered by TYPECOM): it is then read once, here, with
    // the composition's columns after the merge table's.
    const bool one_table = scenario.merges && scenario.composition &&
                           same_source(scenario.merges->layer, scenario.composition->layer);
    std::optional<geo::VectorLayer> merge_layer;
    std::size_t composition_offset = 0;
    std::size_t composition_name = 0; // column of the composition's name_field, if any
    std::unordered_map<std::string, std::string> merged_into;
    if (scenario.merges) {
        const auto& m = *scenario.merges;
        auto fields = code_table_fields(m.old_field, m.new_field, m.filter);
        if (one_table) {
            const auto& cs = *scenario.composition;
            composition_offset = fields.size();
            for (auto& field : code_table_fields(cs.commune_field, cs.canton_field, cs.filter))
                fields.push_back(std::move(field));
            composition_name = fields.size();
            if (!cs.name_field.empty()) fields.push_back(cs.name_field);
        }
        merge_layer = read_table(m.layer, std::move(fields), scenario, log);
        const auto& layer = *merge_layer;
        const std::size_t skipped = for_each_row(layer, 0, m.filter, [&](const geo::Feature& f) {
            const std::string from(trim(value_or_fail(layer, f, 0, "old commune code")));
            const std::string to(trim(value_or_fail(layer, f, 1, "new commune code")));
            if (from == to) return; // the chef-lieu keeps its own code
            if (auto [it, fresh] = merged_into.emplace(from, to); !fresh && it->second != to)
                throw InputError(layer.where(f) + ": commune " + quote(from) + " merged into both " +
                                 quote(it->second) + " and " + quote(to));
        });
        summarize(report, "merges", layer, skipped);
        report.merges_read = merged_into.size();
    }
    auto current_code = [&](std::string code) {
        // Follow chains (A -> B -> C) with a bound against cycles.
        for (int hops = 0; hops < 16; ++hops) {
            auto it = merged_into.find(code);
            if (it == merged_into.end()) return code;
            code = it->second;
        }
        throw InputError(scenario.merges->layer.path + ": merge table has a cycle through " + quote(code));
    };

    // --- Communes (dissolved by current code) ------------------------------
    // Current codes that only the merge table gives (no polygon of their
    // own), with the former communes merged into them: checked against the
    // composition table below.
    std::map<std::string, std::vector<std::string>> merge_only_codes;
    {
        const auto& src = scenario.communes;
        auto layer = read_polygons(src.layer, {src.code_field, src.name_field}, scenario, options, log, "commune");
        summarize(report, "communes", layer);
        struct Group {
            std::string name;
            std::vector<std::size_t> features;
            std::vector<std::string> former;
            bool has_current = false;
        };
        std::map<std::string, Group> groups;
        std::map<std::string, std::string> seen;
        for (std::size_t i = 0; i < layer.features.size(); ++i) {
            const auto& f = layer.features[i];
            const std::string raw =
                rewrite(std::string(trim(value_or_fail(layer, f, 0, "commune code"))), src.code_rewrite);
            if (auto [it, fresh] = seen.emplace(raw, layer.where(f)); !fresh)
                throw InputError(layer.where(f) + ": duplicate commune code " + quote(raw) + " (first at " +
                                 it->second + ")");
            const std::string code = current_code(raw);
            auto& g = groups[code];
            g.features.push_back(i);
            if (code == raw) {
                g.name = f.values[1].value_or("");
                g.has_current = true;
            } else {
                g.former.push_back(raw);
                if (!g.has_current && g.name.empty()) g.name = f.values[1].value_or("");
                ++report.merged_polygons;
            }
        }
        for (auto& [code, g] : groups) {
            if (!g.has_current) merge_only_codes.emplace(code, g.former);
            Commune c;
            c.code = code;
            c.name = g.name;
            c.former_codes = g.former;
            std::vector<geo::MultiPolygon> parts;
            for (auto i : g.features) parts.push_back(std::move(layer.features[i].polygons));
            set_area(c, std::move(parts));
            t.communes.push_back(std::move(c));
        }
        if (report.merged_polygons > 0)
            report.notes.add("former communes dissolved", std::to_string(report.merged_polygons) + " commune polygons of former codes dissolved into " +
                                   "their current commune (merge table)");
    }
    std::unordered_map<std::string, CommuneId> commune_by_code;
    for (CommuneId i = 0; i < t.communes.size(); ++i) commune_by_code.emplace(t.communes[i].code, i);

    // --- Population -------------------------------------------------------
    if (scenario.population) {
        const auto& p = *scenario.population;
        t.population_label = p.label;
        geo::ReadOptions ro;
        ro.target_crs = scenario.crs;
        ro.fields = p.code_fields;
        ro.fields.push_back(p.population_field);
        auto layer = geo::read_layer(p.layer, ro, log);
        summarize(report, "population", layer);
        if (layer.features.empty()) throw InputError(layer.source + ": population table is empty");
        const std::size_t pop_idx = p.code_fields.size();
        std::map<std::string, std::string> seen;
        std::vector<std::string> unmatched;
        for (const auto& f : layer.features) {
            std::string code;
            for (std::size_t k = 0; k < p.code_fields.size(); ++k)
                code += std::string(trim(value_or_fail(layer, f, k, "commune code")));
            const std::string& text = value_or_fail(layer, f, pop_idx, "population");
            const auto value = layer.number(text);
            if (!value)
                throw InputError(layer.where(f) + ": population " + quote(text) + " of commune " + quote(code) +
                                 " is not a number (expected digits, no thousands separator, " +
                                 (layer.decimal == '.' ? std::string("'.' for decimals)")
                                                       : std::string("',' for decimals as set by decimal = \",\")")));
            if (*value < 0)
                throw InputError(layer.where(f) + ": population " + quote(text) + " of commune " + quote(code) +
                                 " is negative");
            if (looks_like_thousands_separator(text))
                throw InputError(layer.where(f) + ": population " + quote(text) + " of commune " + quote(code) +
                                 " looks written with '.' as a thousands separator (expected digits only, e.g. " +
                                 quote(without_dots(text)) + ")");
            if (auto [it, fresh] = seen.emplace(code, layer.where(f)); !fresh)
                throw InputError(layer.where(f) + ": duplicate commune code " + quote(code) +
                                 " in the population table (first at " + it->second + ")");
            if (const auto why = implausible_population(*value, text); !why.empty())
                problem(report, options, "implausible population",
                        layer.where(f) + ": commune " + quote(code) + ": " + why);
            report.population_read += *value;
            auto it = commune_by_code.find(current_code(code));
            if (it == commune_by_code.end()) {
                ++report.population_unmatched;
                unmatched.push_back(layer.where(f) + ": commune " + quote(code) + " (population " + text +
                                    ") matches no commune polygon; these residents are left out");
                continue;
            }
            auto& c = t.communes[it->second];
            c.population += *value; // merged former communes add up
            c.has_population = true;
            report.population_joined += *value;
        }
        for (auto& u : unmatched) problem(report, options, "population row matching no commune", std::move(u));
        for (const auto& c : t.communes) {
            if (!c.has_population) {
                ++report.communes_without_population;
                problem(report, options, "commune without population",
                        layer.source + ": no population for commune " + quote(c.code) + " " + c.name +
                            " (counted as 0)");
            }
        }
    }

    // --- Commune -> canton --------------------------------------------------
    std::set<std::string> composition_codes; // commune codes of the composition table
    std::vector<std::string> table_canton(t.communes.size());
    std::vector<std::string> table_where(t.communes.size()); // the composition row of each commune
    if (scenario.composition) {
        const auto& cs = *scenario.composition;
        std::optional<geo::VectorLayer> own_layer;
        if (!one_table) {
            auto fields = code_table_fields(cs.commune_field, cs.canton_field, cs.filter);
            composition_name = fields.size();
            if (!cs.name_field.empty()) fields.push_back(cs.name_field);
            own_layer = read_table(cs.layer, std::move(fields), scenario, log);
        }
        std::vector<bool> named(t.communes.size(), false);
        const auto& layer = one_table ? *merge_layer : *own_layer;
        const std::size_t o = composition_offset;
        std::map<std::string, std::string> seen;
        const std::size_t skipped = for_each_row(layer, o, cs.filter, [&](const geo::Feature& f) {
            const std::string code(trim(value_or_fail(layer, f, o, "commune code")));
            const std::string canton = f.values[o + 1] ? std::string(trim(*f.values[o + 1])) : "";
            if (auto [it, fresh] = seen.emplace(code, layer.where(f)); !fresh)
                throw InputError(layer.where(f) + ": duplicate commune code " + quote(code) +
                                 " in the composition table (first at " + it->second + ")");
            composition_codes.insert(code);
            auto it = commune_by_code.find(current_code(code));
            if (it == commune_by_code.end()) {
                problem(report, options, "composition row matching no commune",
                        layer.where(f) + ": commune " + quote(code) + " of the composition table matches no commune polygon");
                return;
            }
            table_canton[it->second] = canton;
            table_where[it->second] = layer.where(f);
            // Only the row of the current code names the commune (not a former commune's).
            if (!cs.name_field.empty() && current_code(code) == code) {
                const std::string name = name_value(layer, f, composition_name, "commune name");
                if (!name.empty()) {
                    t.communes[it->second].name = name;
                    named[it->second] = true;
                }
            }
        });
        summarize(report, "composition", layer, skipped);
        if (!cs.name_field.empty()) {
            std::vector<std::string> missing;
            for (CommuneId i = 0; i < t.communes.size(); ++i) {
                if (named[i])
                    ++report.commune_names_set;
                else
                    missing.push_back(t.communes[i].code + " " + t.communes[i].name);
            }
            report.commune_names_missing = missing.size();
            if (!missing.empty())
                report.notes.add("communes without a name in the table", layer.source + ": no name (field " + quote(cs.name_field) + ") for " +
                                       std::to_string(missing.size()) +
                                       " commune(s), the commune layer's name kept: " + listed(missing));
        }
    }
    // A merge target with no polygon of its own that the composition table
    // (the list of current communes) does not list either is a commune the
    // merge table invents (a typo in COMPARENT), with the residents and sites
    // of the communes merged into it. Without a composition table a new code
    // cannot be told from a typo.
    for (const auto& [code, former] : merge_only_codes) {
        if (!scenario.composition || composition_codes.count(code)) continue;
        problem(report, options, "merge target that is no commune",
                scenario.merges->layer.path + ": the merge table merges " + listed(former) + " into " + quote(code) +
                    ", which has no polygon in " + scenario.communes.layer.path +
                    " and no row in the composition table" +
                    ": commune " + quote(code) + " is made up (wrong new commune code?)");
    }

    std::set<std::string> pseudo_cantons;
    for (CommuneId i = 0; i < t.communes.size(); ++i) {
        auto& c = t.communes[i];
        const auto& code = table_canton[i];
        if (auto it = canton_by_code.find(code); !code.empty() && it != canton_by_code.end()) {
            place_in_canton(c, it->second);
            // The table and the polygons must agree: a commune placed in a
            // canton whose polygon holds little or none of it (a wrong code
            // in the table, or a canton layer code rewritten into another
            // canton's) is counted in the wrong canton, silently otherwise.
            const auto& canton = t.cantons[it->second];
            const double inside = area_in_canton(c, canton);
            if (c.area_m2 > 0 && inside / c.area_m2 < kMinTableCantonShare) {
                const auto [most, most_area] = largest_overlap(c, t.cantons);
                problem(report, options, "commune outside the canton the composition table gives",
                        table_where[i] + ": the composition table puts commune " + quote(c.code) + " " + c.name +
                            " in canton " + quote(canton.code) + " " + canton.name + ", but " +
                            format_fixed(100 * inside / c.area_m2, 0) + " % of the commune's area lies in that canton's polygon" +
                            (most != kInvalid ? " (" + format_fixed(100 * most_area / c.area_m2, 0) + " % in " +
                                                    t.cantons[most].code + " " + t.cantons[most].name + ")"
                                              : " (it overlaps no canton polygon)") +
                            ": wrong canton code in the table, or in the canton layer (code_rewrite)?");
            }
            continue;
        }
        if (!code.empty()) pseudo_cantons.insert(code);
        // Split commune or no table: every canton it overlaps by a real share.
        ++report.communes_from_polygons;
        place_by_polygons(c, t.cantons, kMinCantonShare);
        if (c.cantons.empty())
            problem(report, options, "commune overlapping no canton",
                    "commune " + quote(c.code) + " " + c.name + " overlaps no canton polygon");
    }
    if (!scenario.cantons.population_field.empty())
        for (const CommuneId m : share_split_by_official(t))
            report.notes.add("split commune shared by area",
                             "commune " + quote(t.communes[m].code) + " " + t.communes[m].name +
                                 " is split between cantons, but their official populations (" +
                                 scenario.cantons.population_field +
                                 ") cannot share it (a canton without one, or holding parts of two split communes): shared by area");
    for (const auto& code : pseudo_cantons)
        report.notes.add("composition canton code not in the canton layer", "canton code " + quote(code) +
                               " of the composition table is not in the canton layer: its communes were placed from the polygons");

    // The polygons are final: index them for every point location to come.
    t.build_index();

    // --- Sites --------------------------------------------------------------
    t.sites = read_sites(scenario.sites, scenario, t, commune_by_code, current_code, true, report, options, log);
    if (scenario.neighbours)
        t.neighbour_sites =
            read_sites(*scenario.neighbours, scenario, t, commune_by_code, current_code, false, report, options, log);
    return t;
}

} // namespace maillage
