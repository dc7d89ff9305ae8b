#pragma once
// Shared pieces of the maillage command line: logging to stderr, output.

#include "core/findings.hpp"
#include "core/log.hpp"

#include <chrono>
#include <string>

namespace maillage::cli {

/// Verbosity chosen on the command line.
struct GlobalOptions {
    bool quiet = false;
    bool verbose = false;
};

/// A Logger that writes "[  0.12s] message" lines to stderr, and a progress
/// line only when stderr is a terminal.
Logger make_stderr_logger(const GlobalOptions& options);

/// Logs findings as warnings: the first kShownPerKind of each kind and a
/// count of the rest, or all of them with --verbose.
void log_findings(const Logger& log, const Findings& findings, const GlobalOptions& options);

/// Writes a result to stdout, or atomically to `path` when not empty.
void emit(const std::string& content, const std::string& path);

} // namespace maillage::cli
