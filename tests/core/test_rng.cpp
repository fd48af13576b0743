// Counter-based streams: a draw depends only on (seed, stream, entity, tick, index).
#include <catch2/catch.hpp>

#include <cmath>

#include "marrow/rng.hpp"

using namespace marrow;

TEST_CASE("core: random streams are pure functions of their key and counter", "[core]") {
  RandomStream a(42, Stream::Motility, 7, 100), b(42, Stream::Motility, 7, 100);
  for (int k = 0; k < 10; ++k) CHECK(a.uniform() == b.uniform());
  RandomStream other_stream(42, Stream::Fusion, 7, 100), other_tick(42, Stream::Motility, 7, 101),
      other_agent(42, Stream::Motility, 8, 100), other_seed(43, Stream::Motility, 7, 100);
  const double first = RandomStream(42, Stream::Motility, 7, 100).uniform();
  CHECK(other_stream.uniform() != first);
  CHECK(other_tick.uniform() != first);
  CHECK(other_agent.uniform() != first);
  CHECK(other_seed.uniform() != first);
}

TEST_CASE("core: uniform draws are uniform and event() has the exponential probability", "[core]") {
  double sum = 0;
  int hits = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    RandomStream r(1, Stream::Placement, i, 0);
    const double u = r.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    hits += r.event(0.5);
  }
  CHECK(sum / n == Approx(0.5).margin(0.005));
  CHECK(double(hits) / n == Approx(1 - std::exp(-0.5)).margin(0.005));
}

TEST_CASE("core: poisson draws have the right mean", "[core]") {
  for (double mean : {0.3, 4.0, 120.0}) {
    double s = 0;
    for (int i = 0; i < 20000; ++i) s += RandomStream(3, Stream::Recruitment, i, 0).poisson(mean);
    CHECK(s / 20000 == Approx(mean).epsilon(0.03));
  }
}

TEST_CASE("core: replicate seeds differ by replicate and not by arm", "[core]") {
  CHECK(replicate_seed(5, 0) != replicate_seed(5, 1));
  CHECK(replicate_seed(5, 0) == replicate_seed(5, 0));
  CHECK(replicate_seed(5, 0) != replicate_seed(6, 0));
}
