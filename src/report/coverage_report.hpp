#pragma once
/// The coverage report a prefecture reads: who is within reach of a France
/// Services, in how long, how many hours a week; and the comparison of two
/// situations.

#include "coverage/evaluate.hpp"
#include "coverage/services.hpp"
#include "model/demand.hpp"
#include "model/territory.hpp"
#include "report/canton_report.hpp"
#include "report/format.hpp"

#include <string>
#include <vector>

namespace maillage {

/// Everything needed to render one situation: a view made for the call,
/// pointing to what the caller owns (app::Run and app::Situation).
struct SituationView {
    const Territory* territory = nullptr;
    const Demand* demand = nullptr;
    const ServiceSet* services = nullptr;
    const Evaluation* evaluation = nullptr;
    const CantonReport* cantons = nullptr; ///< presence of a site per canton
    Date as_of;
    std::string label; ///< e.g. "2021-07-01" or the scenario name
    /// The same situation without the hypothetical schedules (app::add_factual);
    /// null when none is used or it was not evaluated.
    const ServiceSet* factual_services = nullptr;
    const Evaluation* factual = nullptr;
};

struct ReportOptions {
    Format format = Format::table;
    Rows by = Rows::canton;
    std::size_t worst = 10;       ///< worst-served communes listed
    std::size_t improvements = 10; ///< --compare: demand points whose time dropped most, listed
};

/// Renders the report of one situation. CSV gives the --by table only.
std::string render_coverage_report(const SituationView& s, const ReportOptions& options);

/// Renders the difference between two situations (before -> after): sites
/// added and removed (the territory's own apart from the neighbouring
/// départements'), population newly within each threshold, change per canton
/// at every threshold, the demand points whose time dropped most (matched by
/// id). CSV and JSON give the per-canton table.
std::string render_comparison(const SituationView& before, const SituationView& after, const ReportOptions& options);

/// What the figures of a report came from (territory, date, travel model,
/// demand, notes on schedules), one line each: the notes file beside a CSV
/// output, which holds the table alone.
std::vector<std::string> coverage_report_notes(const SituationView& s);
/// Same for a comparison (before -> after).
std::vector<std::string> comparison_notes(const SituationView& before, const SituationView& after);

} // namespace maillage
