// maillage: coverage planner for France Services sites. Parses the command
// line, runs one subcommand, and maps errors to exit codes:
// 0 ok, 1 data or runtime error, 2 usage error.

#include "cli/commands.hpp"
#include "core/error.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <new>
#include <string>

namespace {

// Every line of a message starts with "maillage: error: ", so that a
// message of several lines (an unknown key, then the required key it hides)
// reads as errors line by line, in a terminal or a log.
void print_error(const std::string& message) {
    std::size_t start = 0;
    do {
        const auto end = message.find('\n', start);
        const std::string line = message.substr(start, end == std::string::npos ? std::string::npos : end - start);
        std::fprintf(stderr, "maillage: error: %s\n", line.c_str());
        start = end == std::string::npos ? end : end + 1;
    } while (start != std::string::npos && start < message.size());
}

} // namespace

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
        if (e.get_exit_code() == 0) return app.exit(e); // --help, --version
        print_error(std::string(e.what()) + " (run with --help for the options and an example)");
        return 2;
    }
    try {
        for (auto& [cmd, action] : actions)
            if (cmd->parsed()) return action();
        return 2;
    } catch (const UsageError& e) {
        print_error(e.what());
        return 2;
    } catch (const Error& e) {
        print_error(e.what());
        return 1;
    } catch (const std::bad_alloc&) {
        std::fprintf(stderr, "maillage: error: out of memory\n");
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "maillage: internal error: %s\n", e.what());
        return 1;
    }
}
