#pragma once
/// `maillage check`: every input of a scenario loaded, and every problem
/// found on the way (load problems, then the services' problems at the
/// scenario's date: opening hours that do not parse, stops outside their
/// commune...).

#include "app/run.hpp"
#include "coverage/services.hpp"

namespace maillage::app {

struct CheckResult {
    Run run;
    ServiceSet services; ///< the services open at the scenario's date
    Findings problems;   ///< run.load.problems, then services.problems
};

/// Throws InputError for input that cannot be loaded at all (and, with
/// options.strict, for the first problem).
CheckResult check(Scenario scenario, const LoadOptions& options, const Logger& log = {});

} // namespace maillage::app
