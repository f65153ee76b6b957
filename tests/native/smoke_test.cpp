#include <doctest/doctest.h>
#include "run/experiment.hpp"
TEST_CASE("default spec parses") { CHECK_NOTHROW(optlab::parse_spec(optlab::default_spec_json())); }
