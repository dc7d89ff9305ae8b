#pragma once
// Option groups shared by the subcommands (osmium-tool's mixins): each adds
// its options to a command, in the same words everywhere, and turns them
// into what the application layer takes.

#include "app/plan.hpp"
#include "cli/common.hpp"
#include "io/scenario.hpp"
#include "report/format.hpp"
#include "report/table.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace maillage::cli {

/// The scenario file (positional) and --as-of.
struct ScenarioOptions {
    std::string scenario;
    std::string as_of;

    void add_to(CLI::App* cmd,
                const std::string& as_of_help = "Date YYYY-MM-DD or DD/MM/YYYY: sites labelled on or before it are open");
    /// The scenario read, with --as-of applied. Throws InputError.
    Scenario load() const;
};

/// --format, -o/--output and --csv-locale.
struct OutputOptions {
    std::string format;
    std::string path;
    std::string csv_locale = "c";

    void add_to(CLI::App* cmd, const std::string& format_help);
    /// --format, or `fallback` (the scenario's output.format, checked when
    /// the scenario is read) when not given.
    Format format_or(const std::string& fallback) const;
    /// --csv-locale.
    CsvLocale locale() const;
    /// Writes a result to stdout or -o. A CSV holds its header and rows only,
    /// written for --csv-locale; its `notes` (what the figures came from) go
    /// to the notes file beside -o FILE (csv_notes_path), or to stderr when
    /// the CSV goes to stdout. Other formats carry their notes themselves.
    void emit(const std::string& content, Format content_format, const std::vector<std::string>& notes,
              const Logger& log) const;
};

/// Adds --csv-locale to a command that writes CSV files but has no --format (export).
void add_csv_locale(CLI::App* cmd, std::string& csv_locale);

/// --max-memory: the memory the coverage instance of candidates may take.
struct MemoryOptions {
    std::string max_memory;

    void add_to(CLI::App* cmd);
    /// The budget (0 bytes: what the machine has), for the exact solver or not.
    app::MemoryBudget budget(bool exact_solver = false) const;
};

} // namespace maillage::cli
