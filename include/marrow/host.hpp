#pragma once
// Host state: what the organism imposes on the marrow at time t (estrogen level; later genotype and
// treatments). Computed at the start of each tick by the host rules.
namespace marrow {

struct HostState {
  double estrogen = 1.0;  // relative to the replete level: 1 = replete, 0 = none
};

}  // namespace marrow
