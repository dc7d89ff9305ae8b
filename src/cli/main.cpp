// maillage: coverage planner for France Services sites. Parses the command
// line, runs one subcommand, and maps errors to exit codes:
// 0 ok, 1 data or runtime error, 2 usage error.

#include "cli/commands.hpp"
#include "core/error.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <new>

int main(int argc, char** argv) {
    using namespace maillage;
    CLI::App app{"maillage " MAILLAGE_VERSION
                 ": coverage planner for France Services sites (cantons, travel times, buses, new sites)",
                 "maillage"}; // not argv[0]: no machine path in --help
    app.require_subcommand(1);
    app.fallthrough(); // -q/-v also after the subcommand
    app.set_version_flag("--version", std::string("maillage ") + MAILLAGE_VERSION);
    cli::GlobalOptions global;
    app.add_flag("-q,--quiet", global.quiet, "Only warnings and errors on stderr");
    app.add_flag("-v,--verbose", global.verbose, "More detail on stderr");
    app.footer("Run 'maillage COMMAND --help' for the options and an example of each command.\n"
               "Exit codes: 0 ok, 1 data or runtime error, 2 usage error.");

    std::vector<std::pair<CLI::App*, cli::Action>> actions;
    auto add = [&](auto setup) {
        const auto before = app.get_subcommands({}).size();
        auto action = setup(app, global);
        actions.emplace_back(app.get_subcommands({})[before], std::move(action));
    };
    add(cli::setup_cantons);
    add(cli::setup_check);
    add(cli::setup_report);
    add(cli::setup_graph);
    add(cli::setup_rank);
    add(cli::setup_plan);
    add(cli::setup_export);
    add(cli::setup_models);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    try {
        for (auto& [cmd, action] : actions)
            if (cmd->parsed()) return action();
        return 2;
    } catch (const UsageError& e) {
        std::fprintf(stderr, "maillage: usage error: %s\n", e.what());
        return 2;
    } catch (const Error& e) {
        std::fprintf(stderr, "maillage: error: %s\n", e.what());
        return 1;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "maillage: error: out of memory\n");
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "maillage: internal error: %s\n", e.what());
        return 1;
    }
}
