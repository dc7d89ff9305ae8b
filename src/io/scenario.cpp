#include "io/scenario.hpp"

#include "core/error.hpp"
#include "core/file.hpp"
#include "core/text.hpp"
#include "geo/encoding.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

namespace maillage {

namespace {

namespace fs = std::filesystem;

// Reads one TOML table strictly: every key must be consumed, so that a typo
// is an error instead of a silently ignored setting.
class TableReader {
  public:
    TableReader(const toml::table& table, std::string file, std::string prefix)
        : m_table(table), m_file(std::move(file)), m_prefix(std::move(prefix)) {}

    std::string key_name(std::string_view key) const {
        return m_prefix.empty() ? std::string(key) : m_prefix + "." + std::string(key);
    }

    std::string at(const toml::node* node) const {
        if (node && node->source().begin.line > 0)
            return m_file + ": line " + std::to_string(node->source().begin.line);
        if (m_table.source().begin.line > 0)
            return m_file + ": line " + std::to_string(m_table.source().begin.line);
        return m_file;
    }

    const toml::node* node(std::string_view key) {
        m_used.insert(std::string(key));
        return m_table.get(key);
    }

    [[noreturn]] void fail(const toml::node* n, std::string_view key, const std::string& what) const {
        throw InputError(at(n) + ": key '" + key_name(key) + "' " + what);
    }

    std::optional<std::string> opt_string(std::string_view key) {
        const auto* n = node(key);
        if (!n) return std::nullopt;
        if (const auto* s = n->as_string()) return s->get();
        fail(n, key, "must be a string");
    }

    std::string string(std::string_view key) {
        if (auto s = opt_string(key)) return *s;
        missing(key, "key '" + key_name(key) + "'");
    }

    // A required key or table is absent. A key of the table that is not
    // known yet and is within a typo of it is most likely the same key
    // misspelt: named first, on its own line, with the name it should have.
    [[noreturn]] void missing(std::string_view key, const std::string& what) const {
        std::string msg;
        for (const auto& [k, v] : m_table) {
            const std::string name(k.str());
            if (m_used.count(name)) continue;
            if (!closest_name(name, {std::string(key)}).empty())
                msg += at(&v) + ": unknown key '" + key_name(name) + "' (did you mean '" + std::string(key) + "'?)\n";
        }
        throw InputError(msg + at(nullptr) + ": missing required " + what);
    }

    std::string string_or(std::string_view key, std::string fallback) {
        return opt_string(key).value_or(std::move(fallback));
    }

    std::optional<bool> opt_bool(std::string_view key) {
        const auto* n = node(key);
        if (!n) return std::nullopt;
        if (const auto* b = n->as_boolean()) return b->get();
        fail(n, key, "must be true or false");
    }

    std::vector<std::string> string_list(std::string_view key, bool required) {
        const auto* n = node(key);
        if (!n) {
            if (required) missing(key, "key '" + key_name(key) + "'");
            return {};
        }
        std::vector<std::string> out;
        if (const auto* s = n->as_string()) {
            out.push_back(s->get());
            return out;
        }
        const auto* arr = n->as_array();
        if (!arr) fail(n, key, "must be a string or a list of strings");
        for (const auto& item : *arr) {
            const auto* s = item.as_string();
            if (!s) fail(&item, key, "must be a list of strings");
            out.push_back(s->get());
        }
        return out;
    }

    std::optional<Date> opt_date(std::string_view key) {
        const auto* n = node(key);
        if (!n) return std::nullopt;
        if (const auto* d = n->as_date()) {
            const auto v = d->get();
            Date date{v.year, v.month, v.day};
            if (!parse_iso_date(date.iso())) fail(n, key, "is not a valid date");
            return date;
        }
        if (const auto* s = n->as_string()) {
            std::string why;
            if (auto date = parse_user_date(s->get(), &why)) return date;
            fail(n, key, "is not a valid date: " + quote(s->get()) + ": " + why);
        }
        fail(n, key, std::string("must be a date (") + kUserDateFormats + ")");
    }

    const toml::table* opt_table(std::string_view key) {
        const auto* n = node(key);
        if (!n) return nullptr;
        if (const auto* t = n->as_table()) return t;
        fail(n, key, "must be a table");
    }

    const toml::table& table(std::string_view key) {
        if (const auto* t = opt_table(key)) return *t;
        missing(key, "table [" + key_name(key) + "]");
    }

    TableReader sub(const toml::table& t, std::string_view key) const {
        return TableReader(t, m_file, key_name(key));
    }

    // Every key present must have been read.
    void finish() const {
        for (const auto& [k, v] : m_table) {
            if (!m_used.count(std::string(k.str()))) {
                // m_used holds every key this table was asked for: the valid names.
                const std::string near = closest_name(k.str(), {m_used.begin(), m_used.end()});
                throw InputError(at(&v) + ": unknown key '" + key_name(k.str()) + "'" +
                                 (near.empty() ? std::string() : " (did you mean '" + near + "'?)"));
            }
        }
    }

    const std::string& file() const { return m_file; }

  private:
    const toml::table& m_table;
    std::string m_file;
    std::string m_prefix;
    std::set<std::string> m_used;
};

std::string resolve(const std::string& scenario_dir, const std::string& path) {
    if (path.empty()) return path;
    // Connection strings ("PG:dbname=...") and absolute paths stay as given.
    const auto colon = path.find(':');
    if (colon != std::string::npos && colon > 1 && path.find('/') > colon) return path;
    if (path.rfind("/vsi", 0) == 0 || fs::path(path).is_absolute()) return path;
    return (fs::path(scenario_dir) / path).lexically_normal().string();
}

geo::LayerSpec read_layer_spec(TableReader& r, const std::string& dir) {
    geo::LayerSpec spec;
    const std::string path = r.string("path");
    if (path.empty()) r.fail(r.node("path"), "path", "is an empty path (expected a file name or a connection string)");
    spec.path = resolve(dir, path);
    spec.layer = r.string_or("layer", "");
    spec.source_crs = r.string_or("crs", "");
    if (!spec.source_crs.empty())
        if (auto why = geo::crs_problem(spec.source_crs, false); !why.empty()) r.fail(r.node("crs"), "crs", why);
    if (auto d = r.opt_string("decimal")) {
        if (*d != "." && *d != ",")
            r.fail(r.node("decimal"), "decimal", "must be \".\" or \",\" (the decimal mark of the layer's numbers), got " + quote(*d));
        spec.decimal = (*d)[0];
    }
    if (auto e = r.opt_string("encoding")) {
        if (auto why = geo::encoding_problem(*e); !why.empty()) r.fail(r.node("encoding"), "encoding", why);
        spec.encoding = *e;
    }
    return spec;
}

// Numbers that std::regex reads into a long without a bound (libstdc++
// overflows on a back-reference \8888888888888888888, and clones its
// automaton once per repeat of {n}): back-references up to 99, repeat counts
// up to 1000. Empty when the pattern is fine on this count.
std::string regex_number_problem(const std::string& pattern) {
    auto number_at = [&](std::size_t i, std::size_t& end) {
        end = i;
        while (end < pattern.size() && pattern[end] >= '0' && pattern[end] <= '9') ++end;
        return pattern.substr(i, end - i);
    };
    bool in_class = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {
            std::size_t end = 0;
            const auto digits = number_at(i + 1, end);
            if (!in_class && digits.size() > 2) return "back-reference \\" + digits + " is out of range (at most 99)";
            i = digits.empty() ? i + 1 : end - 1;
        } else if (c == '[') {
            in_class = true;
        } else if (c == ']') {
            in_class = false;
        } else if (c == '{' && !in_class) {
            std::size_t j = i + 1;
            while (j < pattern.size()) {
                std::size_t end = 0;
                const auto digits = number_at(j, end);
                if (digits.size() > 4 || (!digits.empty() && std::stoul(digits) > 1000))
                    return "repeat count {" + digits + "} is too large (at most 1000)";
                if (end < pattern.size() && pattern[end] == ',') {
                    j = end + 1;
                    continue;
                }
                break;
            }
        }
    }
    return {};
}

std::optional<CodeRewrite> read_rewrite(TableReader& r, std::string_view key) {
    const auto* n = r.node(key);
    if (!n) return std::nullopt;
    const auto* arr = n->as_array();
    if (!arr || arr->size() != 2 || !(*arr)[0].as_string() || !(*arr)[1].as_string())
        r.fail(n, key, "must be a list of two strings: [pattern, replacement]");
    CodeRewrite rw{(*arr)[0].as_string()->get(), (*arr)[1].as_string()->get()};
    if (auto why = regex_number_problem(rw.pattern); !why.empty())
        r.fail(n, key, "has an invalid regular expression: " + why);
    try {
        std::regex check(rw.pattern);
    } catch (const std::regex_error& e) {
        r.fail(n, key, "has an invalid regular expression: " + std::string(e.what()));
    }
    return rw;
}

std::optional<RowFilter> read_filter(TableReader& r, std::string_view key) {
    const toml::table* t = r.opt_table(key);
    if (!t) return std::nullopt;
    auto sub = r.sub(*t, key);
    RowFilter f;
    f.field = sub.string("field");
    f.values = sub.string_list("values", true);
    sub.finish();
    return f;
}

SiteSource read_site_source(TableReader& r, const std::string& dir) {
    SiteSource st;
    st.layer = read_layer_spec(r, dir);
    st.layer.x_field = r.string_or("lon_field", "");
    st.layer.y_field = r.string_or("lat_field", "");
    if (st.layer.x_field.empty() != st.layer.y_field.empty())
        throw InputError(r.at(nullptr) + ": keys '" + r.key_name("lon_field") + "' and '" + r.key_name("lat_field") +
                         "' go together");
    st.id_field = r.string("id_field");
    st.name_field = r.string("name_field");
    st.commune_field = r.string("commune_field");
    st.format_field = r.string_or("format_field", "");
    st.date_field = r.string_or("date_field", "");
    if (auto f = r.opt_string("date_format")) {
        if (!is_supported_date_format(*f))
            r.fail(r.node("date_format"), "date_format", "must be one of DD/MM/YYYY, YYYY-MM-DD, DD-MM-YYYY, YYYY/MM/DD");
        st.date_format = *f;
    }
    st.hours_fields = r.string_list("hours_fields", false);
    if (!st.hours_fields.empty() && st.hours_fields.size() != 6 && st.hours_fields.size() != 7)
        r.fail(r.node("hours_fields"), "hours_fields", "must list 6 (Monday..Saturday) or 7 fields");
    if (const auto* f = r.opt_table("formats")) {
        auto fr = r.sub(*f, "formats");
        st.format_values[0] = fr.string_list("fixed", false);
        st.format_values[1] = fr.string_list("multi_site", false);
        st.format_values[2] = fr.string_list("bus", false);
        st.format_values[3] = fr.string_list("itinerant", false);
        fr.finish();
    } else if (!st.format_field.empty()) {
        throw InputError(r.at(nullptr) + ": '" + r.key_name("format_field") + "' needs a [" + r.key_name("formats") +
                         "] table");
    }
    r.finish();
    return st;
}

std::optional<double> opt_number(TableReader& r, std::string_view key) {
    const auto* n = r.node(key);
    if (!n) return std::nullopt;
    if (const auto* i = n->as_integer()) return static_cast<double>(i->get());
    if (const auto* f = n->as_floating_point()) return f->get();
    r.fail(n, key, "must be a number");
}

double positive(TableReader& r, std::string_view key, double fallback) {
    const auto v = opt_number(r, key);
    if (!v) return fallback;
    if (!(*v > 0) || !std::isfinite(*v)) r.fail(r.node(key), key, "must be a finite number greater than 0");
    return *v;
}

} // namespace

Scenario load_scenario(const std::string& path) {
    if (check_input_path(path, "scenario file", InputKind::file, "expected a scenario file (.toml)") == 0)
        throw InputError(path + ": file is empty (0 bytes), expected a scenario file (.toml)");
    return parse_scenario(read_text_file(path, "scenario file", kMaxScenarioBytes,
                                         "a scenario names its inputs in a few kilobytes: is it the right file?"),
                          path);
}

Scenario parse_scenario(std::string_view text, const std::string& path) {
    toml::table root;
    try {
        root = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << path << ": line " << e.source().begin.line << ": " << e.description();
        throw InputError(msg.str());
    }
    const std::string dir = fs::path(path).parent_path().string();

    Scenario s;
    s.path = path;
    TableReader top(root, path, "");

    {
        auto r = top.sub(top.table("scenario"), "scenario");
        s.name = r.string("name");
        if (auto d = r.opt_date("as_of")) s.as_of = *d;
        s.crs = r.string_or("crs", s.crs);
        // Checked here so that the message names the key, not the first layer read.
        if (auto why = geo::crs_problem(s.crs, true); !why.empty()) r.fail(r.node("crs"), "crs", why);
        if (auto b = r.opt_bool("repair")) s.repair = *b;
        r.finish();
    }
    {
        auto r = top.sub(top.table("cantons"), "cantons");
        s.cantons.layer = read_layer_spec(r, dir);
        s.cantons.code_field = r.string("code_field");
        s.cantons.name_field = r.string("name_field");
        s.cantons.population_field = r.string_or("population_field", "");
        s.cantons.code_rewrite = read_rewrite(r, "code_rewrite");
        r.finish();
    }
    {
        auto r = top.sub(top.table("communes"), "communes");
        s.communes.layer = read_layer_spec(r, dir);
        s.communes.code_field = r.string("code_field");
        s.communes.name_field = r.string("name_field");
        s.communes.code_rewrite = read_rewrite(r, "code_rewrite");
        r.finish();
    }
    if (const auto* t = top.opt_table("composition")) {
        auto r = top.sub(*t, "composition");
        CompositionSource c;
        c.layer = read_layer_spec(r, dir);
        c.commune_field = r.string("commune_field");
        c.canton_field = r.string("canton_field");
        c.name_field = r.string_or("name_field", "");
        c.filter = read_filter(r, "where");
        r.finish();
        s.composition = std::move(c);
    }
    if (const auto* t = top.opt_table("canton_names")) {
        auto r = top.sub(*t, "canton_names");
        CantonNameSource c;
        c.layer = read_layer_spec(r, dir);
        c.code_field = r.string("code_field");
        c.name_field = r.string("name_field");
        c.ignore_codes = r.string_list("ignore_codes", false);
        c.filter = read_filter(r, "where");
        r.finish();
        s.canton_names = std::move(c);
    }
    if (const auto* t = top.opt_table("merges")) {
        auto r = top.sub(*t, "merges");
        MergeSource m;
        m.layer = read_layer_spec(r, dir);
        m.old_field = r.string("old_field");
        m.new_field = r.string("new_field");
        m.filter = read_filter(r, "where");
        r.finish();
        s.merges = std::move(m);
    }
    if (const auto* t = top.opt_table("population")) {
        auto r = top.sub(*t, "population");
        PopulationSource p;
        p.layer = read_layer_spec(r, dir);
        p.code_fields = r.string_list("code_fields", true);
        if (p.code_fields.empty())
            r.fail(r.node("code_fields"), "code_fields",
                   "is empty (expected the field or fields that form the INSEE code, e.g. [\"CODDEP\", \"CODCOM\"])");
        for (const auto& f : p.code_fields)
            if (f.empty()) r.fail(r.node("code_fields"), "code_fields", "holds an empty field name");
        p.population_field = r.string("population_field");
        p.label = r.string_or("label", "population");
        r.finish();
        s.population = std::move(p);
    }
    {
        auto r = top.sub(top.table("sites"), "sites");
        s.sites = read_site_source(r, dir);
    }
    if (const auto* t = top.opt_table("neighbours")) {
        auto r = top.sub(*t, "neighbours");
        s.neighbours = read_site_source(r, dir);
    }
    if (const auto* t = top.opt_table("demand")) {
        auto r = top.sub(*t, "demand");
        auto& d = s.demand;
        d.position = r.string_or("position", d.position);
        if (d.position != "town_hall" && d.position != "centroid")
            r.fail(r.node("position"), "position", "must be \"town_hall\" or \"centroid\"");
        if (const auto* th = r.opt_table("town_halls")) {
            auto tr = r.sub(*th, "town_halls");
            geo::LayerSpec spec = read_layer_spec(tr, dir);
            spec.x_field = tr.string("lon_field");
            spec.y_field = tr.string("lat_field");
            d.town_hall_code_field = tr.string("code_field");
            tr.finish();
            d.town_halls = spec;
        }
        d.communes = r.string_list("communes", false);
        if (d.position == "town_hall" && !d.town_halls)
            throw InputError(r.at(nullptr) + ": position = \"town_hall\" needs a [demand.town_halls] table");
        if (const auto* layer_table = r.opt_table("layer")) {
            auto lr = r.sub(*layer_table, "layer");
            d.layer = read_layer_spec(lr, dir);
            d.layer->x_field = lr.string_or("lon_field", "");
            d.layer->y_field = lr.string_or("lat_field", "");
            d.id_field = lr.string("id_field");
            d.population_field = lr.string("population_field");
            lr.finish();
        }
        r.finish();
    }
    if (const auto* t = top.opt_table("coverage")) {
        auto r = top.sub(*t, "coverage");
        auto& c = s.coverage;
        if (const auto* n = r.node("thresholds")) {
            const auto* arr = n->as_array();
            if (!arr || arr->empty()) r.fail(n, "thresholds", "must be a non-empty list of minutes");
            c.thresholds_min.clear();
            for (const auto& item : *arr) {
                const auto* i = item.as_integer();
                if (!i || i->get() <= 0 || i->get() > 24 * 60)
                    r.fail(&item, "thresholds", "must be whole minutes between 1 and 1440");
                c.thresholds_min.push_back(static_cast<std::uint32_t>(i->get()));
            }
        }
        // Checked before the cast: a double beyond uint32 is undefined behaviour.
        const double service_min = positive(r, "service_threshold", c.service_threshold_min);
        if (service_min < 1 || service_min > 24 * 60)
            r.fail(r.node("service_threshold"), "service_threshold", "must be minutes between 1 and 1440");
        c.service_threshold_min = static_cast<std::uint32_t>(service_min);
        c.required_hours = positive(r, "required_hours", c.required_hours);
        for (auto& f : r.string_list("schedules", false)) {
            if (f.empty())
                r.fail(r.node("schedules"), "schedules", "holds an empty path (expected a schedule file name)");
            c.schedules.push_back(resolve(dir, f));
        }
        r.finish();
    }
    if (const auto* t = top.opt_table("travel")) {
        auto r = top.sub(*t, "travel");
        auto& tr = s.travel;
        tr.model = r.string_or("model", tr.model);
        if (tr.model != "crow-fly" && tr.model != "network")
            r.fail(r.node("model"), "model", "must be \"crow-fly\" or \"network\"");
        tr.circuity = positive(r, "circuity", tr.circuity);
        if (tr.circuity < 1) r.fail(r.node("circuity"), "circuity", "must be at least 1");
        tr.speed_kmh = positive(r, "speed_kmh", tr.speed_kmh);
        if (const auto* n = r.node("network")) {
            if (const auto* str = n->as_string()) {
                if (str->get().empty()) r.fail(n, "network", "is an empty path (expected a road network file)");
                tr.network = resolve(dir, str->get());
            } else if (const auto* arr = n->as_array(); arr && !arr->empty()) {
                for (const auto& item : *arr) {
                    const auto* lt = item.as_table();
                    if (!lt) r.fail(&item, "network", "must be a path or a list of tables {path, layer, profile}");
                    auto lr = r.sub(*lt, "network");
                    NetworkLayerSettings l;
                    const std::string path = lr.string("path");
                    if (path.empty()) lr.fail(lr.node("path"), "path", "is an empty path (expected a road layer file)");
                    l.path = resolve(dir, path);
                    l.layer = lr.string_or("layer", "");
                    if (auto p = lr.opt_string("profile")) l.profile = resolve(dir, *p);
                    lr.finish();
                    tr.network_layers.push_back(std::move(l));
                }
            } else {
                r.fail(n, "network", "must be a path or a non-empty list of tables {path, layer, profile}");
            }
        }
        if (auto p = r.opt_string("profile")) {
            if (p->empty()) r.fail(r.node("profile"), "profile", "is an empty path (expected a profile file)");
            tr.profile = resolve(dir, *p);
        }
        tr.label = r.string_or("label", "");
        if (r.node("offroad_speed_kmh")) tr.offroad_speed_kmh = positive(r, "offroad_speed_kmh", 15);
        if (r.node("access_circuity")) {
            tr.access_circuity = positive(r, "access_circuity", 1);
            if (!(*tr.access_circuity >= 1 && *tr.access_circuity <= 5))
                r.fail(r.node("access_circuity"), "access_circuity", "must be between 1 and 5");
        }
        if (r.node("max_snap_m")) tr.max_snap_m = positive(r, "max_snap_m", 2000);
        tr.join_tolerance_m = positive(r, "join_tolerance_m", tr.join_tolerance_m);
        tr.near_miss_m = positive(r, "near_miss_m", tr.near_miss_m);
        if (tr.near_miss_m < tr.join_tolerance_m)
            r.fail(r.node("near_miss_m"), "near_miss_m", "must be at least join_tolerance_m");
        if (tr.model == "network" && tr.network.empty() && tr.network_layers.empty())
            throw InputError(r.at(nullptr) + ": model = \"network\" needs key 'travel.network'");
        r.finish();
    }
    if (const auto* t = top.opt_table("candidates")) {
        auto r = top.sub(*t, "candidates");
        CandidateSource c;
        c.layer = read_layer_spec(r, dir);
        c.layer.x_field = r.string_or("lon_field", "");
        c.layer.y_field = r.string_or("lat_field", "");
        c.id_field = r.string("id_field");
        c.name_field = r.string("name_field");
        r.finish();
        s.candidates = std::move(c);
    }
    if (const auto* t = top.opt_table("output")) {
        auto r = top.sub(*t, "output");
        s.output.directory = resolve(dir, r.string_or("directory", s.output.directory));
        s.output.format = r.string_or("format", s.output.format);
        if (s.output.format != "table" && s.output.format != "csv" && s.output.format != "md" &&
            s.output.format != "json")
            r.fail(r.node("format"), "format", "must be one of table, csv, md, json");
        r.finish();
    } else {
        s.output.directory = resolve(dir, s.output.directory);
    }
    top.finish();
    return s;
}

} // namespace maillage
