#pragma once
// Option groups shared by the subcommands (osmium-tool's mixins): each adds
// its options to a command, in the same words everywhere, and turns them
// into what the application layer takes.

#include "app/plan.hpp"
#include "io/scenario.hpp"
#include "report/format.hpp"

#include <CLI/CLI.hpp>

#include <string>

namespace maillage::cli {

/// The scenario file (positional) and --as-of.
struct ScenarioOptions {
    std::string scenario;
    std::string as_of;

    void add_to(CLI::App* cmd,
                const std::string& as_of_help = "Date YYYY-MM-DD: sites labelled on or before it are open");
    /// The scenario read, with --as-of applied. Throws InputError.
    Scenario load() const;
};

/// --format and -o/--output.
struct OutputOptions {
    std::string format;
    std::string path;

    void add_to(CLI::App* cmd, const std::string& format_help);
    /// --format, or `fallback` (the scenario's output.format, checked when
    /// the scenario is read) when not given.
    Format format_or(const std::string& fallback) const;
};

/// --max-memory: the memory the coverage instance of candidates may take.
struct MemoryOptions {
    std::string max_memory;

    void add_to(CLI::App* cmd);
    /// The budget (0 bytes: what the machine has), for the exact solver or not.
    app::MemoryBudget budget(bool exact_solver = false) const;
};

} // namespace maillage::cli
