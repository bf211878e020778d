#include "Practice.hpp"
