#pragma once
// Counts SFML's OpenGL draw calls (glDrawArrays) in a test or a benchmark: the executable defines
// glDrawArrays itself, so that SFML's calls reach it before libGL's, and passes each on. The
// executable must export its symbols (CMake: ENABLE_EXPORTS ON); GlDrawCalls.cpp is compiled
// into it.
#include <cstddef>

namespace motus::testing {

// glDrawArrays calls made so far in this process.
[[nodiscard]] std::size_t glDrawCalls();

// glFinish on the current context: returns once the driver has drawn everything (a software
// renderer's rasterising included).
void glFinishNow();

} // namespace motus::testing
