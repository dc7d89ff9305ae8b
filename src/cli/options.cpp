#include "cli/options.hpp"

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/memory.hpp"
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

void MemoryOptions::add_to(CLI::App* cmd) {
    cmd->add_option("--max-memory", max_memory,
                    "Memory limit for the candidates' coverage instance, e.g. 4G (default: what is available); "
                    "above it, stop and say how much is needed")
        ->type_name("SIZE")
        ->check([](const std::string& v) {
            return parse_bytes(v) ? std::string() : "not a size such as 4G, 512M or 2000000000: " + v;
        });
}

app::MemoryBudget MemoryOptions::budget(bool exact_solver) const {
    app::MemoryBudget b;
    b.bytes_per_pair = exact_solver ? app::kExactBytesPerPair : app::kGreedyBytesPerPair;
    if (!max_memory.empty()) b.max_bytes = *parse_bytes(max_memory);
    return b;
}

} // namespace maillage::cli
