#include "cli/options.hpp"

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/memory.hpp"
#include "core/text.hpp"
#include "io/atomic_file.hpp"

#include <filesystem>

namespace maillage::cli {

void ScenarioOptions::add_to(CLI::App* cmd, const std::string& as_of_help) {
    cmd->add_option("scenario", scenario, "Scenario file (TOML)")->required();
    cmd->add_option("--as-of", as_of, as_of_help)->check([](const std::string& v) {
        std::string why;
        return parse_user_date(v, &why) ? std::string() : quote(v) + ": " + why;
    });
}

Scenario ScenarioOptions::load() const {
    Scenario s = load_scenario(scenario);
    if (!as_of.empty()) s.as_of = *parse_user_date(as_of);
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
    add_csv_locale(cmd, csv_locale);
}

void add_csv_locale(CLI::App* cmd, std::string& csv_locale) {
    cmd->add_option("--csv-locale", csv_locale,
                    "CSV for a spreadsheet: c (',' and '.', the default) or fr (';' and decimal commas, for French Excel)")
        ->check(CLI::IsMember({"c", "fr"}));
}

CsvLocale OutputOptions::locale() const { return parse_csv_locale(csv_locale).value_or(CsvLocale::c); }

void OutputOptions::emit(const std::string& content, Format content_format, const std::vector<std::string>& notes,
                         const Logger& log) const {
    if (content_format != Format::csv) {
        cli::emit(content, path);
        return;
    }
    cli::emit(localize_csv(content, locale()), path);
    if (path.empty() || path == "-") {
        for (const auto& n : notes) log.info("about the CSV on stdout: " + n);
        return;
    }
    const std::string notes_path = csv_notes_path(path);
    write_file_atomically(notes_path,
                          csv_notes_text(std::filesystem::path(path).filename().string(), notes, locale()));
    log.info("notes on " + path + " in " + notes_path);
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
