#pragma once
/// `maillage models compare`: the crow-fly model measured against the
/// scenario's road network. Both models time every demand point to its
/// nearest service point open at a date; the one free factor of crow-fly
/// (seconds per metre = circuity / speed) is fitted to the network times by
/// population-weighted least squares through the origin, and the errors of
/// crow-fly (scenario parameters and fitted ones) are summarised.

#include "app/run.hpp"
#include "core/date.hpp"
#include "core/log.hpp"
#include "report/models_report.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace maillage::app {

/// Compares crow-fly with the run's network model at `as_of`. Throws
/// UsageError when the scenario's [travel] model is not "network", and
/// InputError when no demand point reaches a site in both models (nothing to
/// fit). Cost: two crow-fly and one network nearest-site searches.
maillage::ModelComparison compare_models(const Run& run, const Date& as_of, const Logger& log = {});

/// The UsageError message of compare_models for a crow-fly scenario, or
/// empty when the scenario names a network (checked before loading).
std::string models_compare_usage_problem(const Scenario& scenario);

} // namespace maillage::app
