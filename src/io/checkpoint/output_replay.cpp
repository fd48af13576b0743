// Rebuilding a run's output file from its checkpoint on resume: the rows, pit events and snapshots that
// the checkpoint's copy holds are written again, through the normal RunWriter, in the order an
// uninterrupted run wrote them, so every dataset ends up with exactly the same values.
#include <algorithm>

#include "checkpoint.hpp"

namespace marrow::ckpt {

void replay_output(const Reader& r, RunWriter& writer, const TimeseriesRow& row, const Snapshot& layout) {
  std::vector<std::string> names;
  for (const auto& [name, v] : row.values) names.push_back(name);
  const std::vector<TimeseriesRow> rows = r.timeseries(names);
  const std::vector<PitEvent> events = r.pit_events();
  const std::int64_t tick = r.info().tick;
  if (rows.empty() || rows.back().tick != tick)
    throw OutputError(r.path() + ": the time series in the checkpoint does not end at its tick " +
                      std::to_string(tick));
  std::size_t next_row = 0, next_event = 0;
  // The runner appends the row of tick k and the events that ended during tick k-1, then writes the
  // snapshot of tick k: replay in that order.
  auto upto = [&](std::int64_t k) {
    for (; next_row < rows.size() && rows[next_row].tick <= k; ++next_row) writer.append(rows[next_row]);
    for (; next_event < events.size() && events[next_event].end_tick < k; ++next_event)
      writer.add_pit_event(events[next_event]);
  };
  for (std::int64_t s : r.snapshot_ticks()) {
    if (s > tick) throw OutputError(r.path() + ": a snapshot is ahead of the checkpoint");
    upto(s);
    writer.write_snapshot(r.snapshot(s, layout));
  }
  upto(tick + 1);
  for (; next_event < events.size(); ++next_event) writer.add_pit_event(events[next_event]);
}

}  // namespace marrow::ckpt
