// Depth first: at a node, branch on the candidate LagrangianBound names
// (the weakest member of the best relaxation's set): first "in"
// (recursion), then "out" (loop in the same frame, so the recursion depth
// is at most k). After the bound, the candidates reduced-cost fixing rules
// out stay out for the subtree, and the ones every better set holds are
// taken in. The root runs a short first round of subgradient steps
// (kRootFirstRound), then the swap local search from the incumbent and
// from the best distinct sets the relaxation proposed (a Lagrangian
// heuristic), then the full rounds, aimed at that better incumbent (step
// factor carried over).

#include "optimize/exact_search.hpp"

#include <algorithm>
#include <string>

namespace maillage::optimize::detail {
namespace {

// Root: iterations of the first (short) round, most rounds, and the share
// of root_iterations the rounds after the first full one get (they resume
// from converged multipliers after the local search improved the
// incumbent).
constexpr std::uint32_t kRootFirstRound = 100;
constexpr int kRootRounds = 4;
constexpr std::uint32_t kRootLaterRoundDivisor = 4;

} // namespace

Search::Search(const ReducedProblem& problem, const QuotaRules& rules, std::uint32_t k,
               const ExactOptions& options, std::uint64_t& nodes, double tol)
    : m_problem(problem), m_rules(rules), m_options(options), m_nodes(nodes),
      m_fixings(problem, rules), m_incumbent(problem.item_weight, tol),
      m_bound(problem, rules, k, m_fixings, m_incumbent) {}

void Search::improve_incumbent() {
    if (best() == m_local_optimum) return; // swaps from it found nothing already
    improve_from(best());
    m_local_optimum = best();
}

void Search::improve_from(std::vector<std::uint32_t> set) {
    if (set.empty()) return;
    const SiteSet improved = improve_by_swaps(m_problem, m_rules, std::move(set),
                                              m_incumbent.stop_at(), m_incumbent.tol());
    m_incumbent.offer(improved.sites, improved.value);
}

std::size_t Search::drop_dominated() {
    const std::vector<std::uint32_t> dominated = dominated_candidates(m_problem, m_rules);
    for (std::uint32_t c : dominated) m_fixings.exclude(c);
    return dominated.size();
}

void Search::search(double parent_bound, bool root) {
    std::vector<std::uint32_t> excluded_here, included_here;
    double node_bound = parent_bound;
    int root_rounds = 0;
    for (;;) {
        if (m_nodes >= m_options.node_limit) {
            m_aborted = true;
            m_open_bound = std::max(m_open_bound, node_bound);
            break;
        }
        ++m_nodes;
        if (m_options.logger && (m_nodes & 255) == 0)
            m_options.logger->progress("exact", m_nodes, m_options.node_limit);
        std::uint32_t branch = kInvalid;
        // The root's relaxation collects local-search starts (optimisation
        // mode only). Its first round is short: a local search from the
        // relaxation's sets then gives the rest of the root a good
        // incumbent to aim the steps at and to prune with.
        const bool root_round = root && !m_incumbent.decision();
        std::uint32_t iterations = root ? m_options.root_iterations : m_options.node_iterations;
        if (root_round && root_rounds == 0) iterations = std::min(iterations, kRootFirstRound);
        if (root_round && root_rounds >= 2)
            iterations = std::max<std::uint32_t>(1, iterations / kRootLaterRoundDivisor);
        node_bound = m_bound.bound_node(iterations, node_bound, root_round, branch);
        if (root && m_options.logger)
            m_options.logger->debug("exact: root bound " + std::to_string(node_bound) +
                                    ", incumbent " + std::to_string(best_value()) + ", " +
                                    std::to_string(m_bound.fixed_out().size()) + " of " +
                                    std::to_string(m_bound.free_count()) +
                                    " candidates fixed out");
        excluded_here.insert(excluded_here.end(), m_bound.fixed_out().begin(),
                             m_bound.fixed_out().end());
        if (root_round && ++root_rounds < kRootRounds && node_bound != kMinusInf &&
            !m_incumbent.prunes(node_bound)) {
            // A local search from the incumbent (which the relaxation's
            // sets may have improved); a better incumbent aims the
            // subgradient steps better, so bound the root once more.
            // The relaxation's best distinct sets are starting points too.
            const double before = best_value();
            improve_incumbent();
            for (const auto& [value, set] : m_bound.take_root_sets()) improve_from(set);
            if (m_options.logger)
                m_options.logger->debug("exact: root local search " + std::to_string(best_value()));
            if (best_value() > before || root_rounds == 1) continue;
        }
        root = false;
        if (node_bound == kMinusInf || m_incumbent.prunes(node_bound) || branch == kInvalid) break;
        if (!m_bound.fixed_in().empty()) { // every better set holds them: take them, bound again
            for (std::uint32_t c : m_bound.fixed_in()) {
                m_fixings.include(c);
                included_here.push_back(c);
            }
            continue;
        }
        if (!m_fixings.is_free(branch)) continue; // fixed out just now: bound again
        m_fixings.include(branch);
        search(node_bound, false);
        m_fixings.uninclude(branch);
        if (m_aborted) {
            m_open_bound = std::max(m_open_bound, node_bound);
            break;
        }
        if (found()) break;
        m_fixings.exclude(branch);
        excluded_here.push_back(branch);
    }
    for (auto it = included_here.rbegin(); it != included_here.rend(); ++it)
        m_fixings.uninclude(*it);
    for (auto it = excluded_here.rbegin(); it != excluded_here.rend(); ++it)
        m_fixings.unexclude(*it);
}

} // namespace maillage::optimize::detail
