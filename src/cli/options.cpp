#include "cli/options.hpp"

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/text.hpp"

namespace maillage::cli {

void ScenarioOptions::add_to(CLI::App* cmd, const std::string& as_of_help) {
    cmd->add_option("scenario", scenario, "Scenario file (TOML)")->required();
    cmd->add_option("--as-of", as_of, as_of_help)->check([](const std::string& v) {
        return parse_iso_date(v) ? std::string() : "not a date YYYY-MM-DD: " + v;
    });
}

Scenario ScenarioOptions::load() const {
    Scenario s = load_scenario(scenario);
    if (!as_of.empty()) s.as_of = *parse_iso_date(as_of);
    return s;
}

Format OutputOptions::format_or(const std::string& fallback) const {
    const std::string& text = format.empty() ? fallback : format;
    if (const auto f = parse_format(text)) return *f;
    throw UsageError("unknown output format " + quote(text) + " (expected table, csv, md or json)");
}

void OutputOptions::add_to(CLI::App* cmd, const std::string& format_help) {
    cmd->add_option("--format", format, format_help)->check(CLI::IsMember({"table", "csv", "md", "json"}));
    cmd->add_option("-o,--output", path, "Write to this file (atomically) instead of stdout");
}

} // namespace maillage::cli
