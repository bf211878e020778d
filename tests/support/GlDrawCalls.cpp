#include "GlDrawCalls.hpp"

#include <dlfcn.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace {

std::atomic<std::size_t> g_drawCalls{0};

template <typename F> F next(const char* name) {
    void* f = dlsym(RTLD_NEXT, name);
    if (f == nullptr) {
        std::fprintf(stderr, "GlDrawCalls: no %s in the libraries\n", name);
        std::abort();
    }
    return reinterpret_cast<F>(f);
}

} // namespace

// The C signature of OpenGL's glDrawArrays (GLenum, GLint, GLsizei).
extern "C" void glDrawArrays(unsigned int mode, int first, int count) {
    using Fn = void (*)(unsigned int, int, int);
    static const Fn real = next<Fn>("glDrawArrays");
    g_drawCalls.fetch_add(1, std::memory_order_relaxed);
    real(mode, first, count);
}

namespace motus::testing {

std::size_t glDrawCalls() {
    return g_drawCalls.load(std::memory_order_relaxed);
}

void glFinishNow() {
    using Fn = void (*)();
    static const Fn finish = reinterpret_cast<Fn>(dlsym(RTLD_DEFAULT, "glFinish"));
    if (finish != nullptr) {
        finish();
    }
}

} // namespace motus::testing
