// Races: one spec, several runs side by side (docs/racing.md).
//
// A spec may carry "racers": [ {partial spec, optional "label"}, … ] (1…kMaxRacers). Racer i's spec
// is the base spec (the spec without "racers" and "changes") with racer i's object applied as a
// JSON merge patch (RFC 7386: objects merge key by key, recursively; arrays and scalars replace;
// null removes the key so its default applies), with one rule added: an object with a "name" key
// (optimizer, dataset, problem, an initializer or norm object …) whose name the racer changes is
// replaced wholesale, since the options of one method mean nothing to another. The top-level
// "changes" that name "racer": i become that racer's own changes (without the "racer" key).
//
// Every racer spec is complete and standalone: running it alone prints the same lines (apart from
// the "racer" and "label" tags) as the race prints for it. Racers that keep the base's seed draw
// the same data, the same minibatch order and, as far as their networks agree, the same initial
// weights, since every random choice comes from Rng(seed, stream) (math/rng.hpp).
#pragma once

#include <string>
#include <vector>

#include "run/spec.hpp"

namespace optlab {

// At most this many racers (the page runs one worker per racer; docs/racing.md).
constexpr int kMaxRacers = 8;
// A racer's label: at most this many bytes.
constexpr std::size_t kMaxLabelBytes = 80;

struct RacerSpec {
  int index = 0;
  std::string label;  // the racer's "label", or what differs from the base ("" without racers)
  Json spec;          // the racer's complete spec: no "racers"; its own "changes" (no "racer" keys)
};

// Whether the spec is a race (an object with a "racers" key).
bool has_racers(const Json& spec);

// RFC 7386 JSON merge patch of `patch` over `target`, plus the name rule above.
Json merge_racer(const Json& target, const Json& patch);

// The racers of a spec, each validated (parse_spec_value and the resource limits), or, for a spec
// without "racers", the spec itself as racer 0 with an empty label (validated the same way).
// Throws SpecError: the base spec's own errors name its field ("batch_size"), a racer's name it
// with the racer's path ("racers[2].batch_size"; also for a value the racer inherits that its
// other changes made invalid), a change's with the change's place in the spec's list
// ("changes[3].set.optimizer.lr"). The racers together must fit in kRaceLimitFactor times the
// limits of one run (run/spec_limits.hpp), else SpecError naming "racers".
std::vector<RacerSpec> expand_race(const Json& spec);

// expand_race on JSON text, for lab.expandRace: {"ok": true, "racers": [{"index", "label",
// "spec"}, …]} or the error JSON of validate_spec_json ({"ok": false, "field", "message"}).
std::string expand_race_json(const std::string& text) noexcept;

// A runner's JSON line of a racer: {"racer": i, "label": "…", …the line's own fields}.
std::string racer_line(const std::string& line, int index, const std::string& label);

}  // namespace optlab
