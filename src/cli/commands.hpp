#pragma once
// One function per subcommand: each adds its options to the app and returns
// the action that runs once the command line has been parsed and validated.

#include "cli/common.hpp"
#include "cli/options.hpp"

#include <CLI/CLI.hpp>

#include <functional>

namespace maillage::cli {

using Action = std::function<int()>;

Action setup_cantons(CLI::App& app, const GlobalOptions& global);
Action setup_check(CLI::App& app, const GlobalOptions& global);
Action setup_report(CLI::App& app, const GlobalOptions& global);
Action setup_graph(CLI::App& app, const GlobalOptions& global);
Action setup_rank(CLI::App& app, const GlobalOptions& global);
Action setup_plan(CLI::App& app, const GlobalOptions& global);
Action setup_export(CLI::App& app, const GlobalOptions& global);
Action setup_models(CLI::App& app, const GlobalOptions& global);

} // namespace maillage::cli
