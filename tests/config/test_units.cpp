// Unit conversion through udunits-2: the units the model's settings use, the molar "M" that udunits
// lacks, numbers glued to units ("20d"), and the errors for unknown or incompatible units.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "marrow/config.hpp"

using namespace marrow;
using Catch::Matchers::Contains;

TEST_CASE("quantities convert between compatible units", "[units]") {
  CHECK(convert_quantity("40 um^2/s", "um^2/min") == Approx(2400));
  CHECK(convert_quantity("2400 um^2/min", "um^2/s") == Approx(40));
  CHECK(convert_quantity("6 h", "day") == Approx(0.25));
  CHECK(convert_quantity("2 day", "h") == Approx(48));
  CHECK(convert_quantity("50 pM", "nM") == Approx(0.05));
  CHECK(convert_quantity("0.05 nM", "pM") == Approx(50));
  CHECK(convert_quantity("1 M", "mol/L") == Approx(1));
  CHECK(convert_quantity("0.1 1/min", "1/s") == Approx(0.1 / 60));
  CHECK(convert_quantity("1 1/s", "1/min") == Approx(60));
  CHECK(convert_quantity("1.5e-3 /s", "1/min") == Approx(0.09));
  CHECK(convert_quantity("20d", "day") == Approx(20));
  CHECK(convert_quantity("10 um", "um") == Approx(10));
  CHECK(convert_quantity("1 mm", "um") == Approx(1000));
  CHECK(convert_quantity("-2.5 um", "um") == Approx(-2.5));
}

TEST_CASE("a bare number is in the target unit", "[units]") {
  CHECK(convert_quantity("10", "um") == 10);
  CHECK(convert_quantity("0.25", "day") == 0.25);
}

TEST_CASE("unknown and incompatible units name both units", "[units]") {
  CHECK_THROWS_WITH(convert_quantity("40 kg", "um"), Contains("'kg'") && Contains("'um'"));
  CHECK_THROWS_WITH(convert_quantity("40 furlongz", "um"),
                    Contains("unknown unit 'furlongz'") && Contains("'um'"));
  CHECK_THROWS_AS(convert_quantity("6 h", "um"), std::invalid_argument);
  CHECK_THROWS_AS(convert_quantity("abc", "um"), std::invalid_argument);
}

TEST_CASE("the unit system can be used from several threads", "[units]") {
  std::vector<double> results(4 * 200);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) results[t * 200 + i] = convert_quantity("6 h", "day");
    });
  for (auto& th : threads) th.join();
  for (double r : results) CHECK(r == Approx(0.25));
}
