#pragma once
/// Logging and progress hooks. The library never prints: long steps take an
/// optional Logger and report through it; the CLI decides where it goes.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace maillage {

enum class LogLevel { debug, info, warning };

/// Receives diagnostics from the library. Default-constructed: discards all.
class Logger {
  public:
    using Sink = std::function<void(LogLevel, std::string_view)>;
    using ProgressSink = std::function<void(std::string_view step, std::uint64_t done, std::uint64_t total)>;

    Logger() = default;
    explicit Logger(Sink sink, ProgressSink progress = {})
        : m_sink(std::move(sink)), m_progress(std::move(progress)) {}

    void debug(std::string_view msg) const { emit(LogLevel::debug, msg); }
    void info(std::string_view msg) const { emit(LogLevel::info, msg); }
    void warning(std::string_view msg) const { emit(LogLevel::warning, msg); }

    /// Reports progress of a long step; `total` 0 means unknown. The sink is
    /// expected to throttle (it is called often).
    void progress(std::string_view step, std::uint64_t done, std::uint64_t total) const {
        if (m_progress) m_progress(step, done, total);
    }

  private:
    void emit(LogLevel level, std::string_view msg) const {
        if (m_sink) m_sink(level, msg);
    }
    Sink m_sink;
    ProgressSink m_progress;
};

} // namespace maillage
