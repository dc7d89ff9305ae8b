#include "cli/common.hpp"

#include "io/atomic_file.hpp"

#include <cstdio>
#include <unistd.h>

namespace maillage::cli {

Logger make_stderr_logger(const GlobalOptions& options) {
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [start] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    const bool tty = ::isatty(STDERR_FILENO) == 1;
    auto sink = [options, elapsed](LogLevel level, std::string_view msg) {
        if (options.quiet && level != LogLevel::warning) return;
        if (level == LogLevel::debug && !options.verbose) return;
        const char* tag = level == LogLevel::warning ? "warning: " : "";
        std::fprintf(stderr, "[%7.2fs] %s%.*s\n", elapsed(), tag, static_cast<int>(msg.size()), msg.data());
    };
    auto progress = [options, tty, last = std::chrono::steady_clock::time_point{}](
                        std::string_view step, std::uint64_t done, std::uint64_t total) mutable {
        if (!tty || options.quiet) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - last < std::chrono::milliseconds(200) && done != total) return;
        last = now;
        if (total > 0)
            std::fprintf(stderr, "\r%.*s: %3.0f%%", static_cast<int>(step.size()), step.data(),
                         100.0 * static_cast<double>(done) / static_cast<double>(total));
        else
            std::fprintf(stderr, "\r%.*s: %llu", static_cast<int>(step.size()), step.data(),
                         static_cast<unsigned long long>(done));
        if (total > 0 && done >= total) std::fputc('\n', stderr);
        std::fflush(stderr);
    };
    return Logger(sink, progress);
}

void log_findings(const Logger& log, const Findings& findings, const GlobalOptions& options) {
    log_warnings(log, findings, options.verbose ? 0 : kShownPerKind, " (all of them with --verbose)");
}

void emit(const std::string& content, const std::string& path) {
    if (path.empty() || path == "-") {
        std::fwrite(content.data(), 1, content.size(), stdout);
        std::fflush(stdout);
    } else {
        write_file_atomically(path, content);
    }
}

} // namespace maillage::cli
