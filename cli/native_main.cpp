// The native command-line runner: `optlab_native run SPEC.json` (or `-` for standard input).
// Prints one JSON line per logged step and a final summary line, exactly as the WebAssembly runner
// (cli/optlab.mjs) does, since both print the lines the core formats. A spec with "racers" runs
// every racer in turn, each line tagged {"racer": i, "label": "…", …} (docs/racing.md).
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "run/catalog.hpp"
#include "run/json_text.hpp"
#include "run/gradient_noise.hpp"
#include "run/race.hpp"
#include "run/run.hpp"
#include "run/validate.hpp"

namespace {

int usage() {
  std::cerr << "usage: optlab_native run SPEC.json   (SPEC.json may be - for standard input)\n"
               "       optlab_native default-spec\n"
               "       optlab_native catalog             (every name, option, default and range, as JSON)\n"
               "       optlab_native validate SPECS.jsonl  (one spec per line; one result line each)\n"
               "       optlab_native lesson ID           (runs lessons/ID.json: every racer's lines; or a path to a lesson file)\n"
               "       optlab_native gradient-noise SPEC.json  (standard error of the minibatch gradient, m = 1…256)\n";
  return 2;
}

// A lesson id is lower-case words joined by '-' (web/lessons.js isLessonId); anything else ending in
// .json is a path to a lesson file.
bool is_lesson_id(const std::string& s) {
  if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-') return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && s[i + 1] != '-');
    if (!ok) return false;
  }
  return true;
}

// The file of lesson `arg`: lessons/<id>.json under $OPTLAB_LESSONS, else under the working folder,
// else under the repository the binary was built in (build/native/optlab_native → ../../lessons).
std::string lesson_file(const std::string& arg, const char* argv0) {
  if (!is_lesson_id(arg)) return arg;
  std::vector<std::string> dirs;
  if (const char* env = std::getenv("OPTLAB_LESSONS")) dirs.push_back(env);
  dirs.push_back("lessons");
  std::string exe = argv0;
  const auto slash = exe.find_last_of('/');
  dirs.push_back((slash == std::string::npos ? std::string(".") : exe.substr(0, slash)) + "/../../lessons");
  for (const auto& d : dirs) {
    const std::string p = d + "/" + arg + ".json";
    if (std::ifstream(p)) return p;
  }
  return "lessons/" + arg + ".json";
}

// The spec of a lesson file as JSON text. The lesson's structure (texts in both languages, views) is
// checked by web/lessons.js (the WebAssembly runner and tests/node/lessons); here only its "spec".
std::string lesson_spec_text(const std::string& path, const std::string& text) {
  optlab::Json lesson;
  try {
    lesson = optlab::parse_json_text(text);
  } catch (const std::exception& e) {
    throw std::runtime_error(path + ": not a valid lesson file: " + e.what());
  }
  if (!lesson.is_object() || !lesson.contains("spec") || !lesson["spec"].is_object())
    throw std::runtime_error(path + ": spec: missing (a lesson file holds its experiment spec under \"spec\")");
  return lesson["spec"].dump();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "default-spec") {
    std::cout << optlab::default_spec_json() << "\n";
    return 0;
  }
  if (argc == 2 && std::string(argv[1]) == "catalog") {
    std::cout << optlab::catalog_json() << "\n";
    return 0;
  }
  const std::string command = argc == 3 ? argv[1] : "";
  if (command != "run" && command != "validate" && command != "lesson" &&
      command != "gradient-noise") return usage();
  const bool validate_only = command == "validate";
  const std::string path = command == "lesson" ? lesson_file(argv[2], argv[0]) : argv[2];
  std::stringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(path);
    if (!in) {
      std::cerr << "error: cannot read " << (command == "lesson" ? "lesson" : "spec") << " file '" << path << "'\n";
      return 2;
    }
    text << in.rdbuf();
  }
  if (command == "lesson") {
    try {
      const std::string spec = lesson_spec_text(path, text.str());
      text.str(spec);
    } catch (const std::exception& e) {
      std::cerr << "error: " << optlab::printable_text(e.what()) << "\n";
      return 2;
    }
  }
  if (validate_only) {
    std::string line;
    while (std::getline(text, line))
      if (!line.empty()) std::cout << optlab::validate_spec_json(line) << "\n";
    return 0;
  }
  if (command == "gradient-noise") {
    try {
      for (const std::string& line : optlab::gradient_noise_lines(optlab::measure_gradient_noise(text.str())))
        std::cout << line << "\n";
    } catch (const std::exception& e) {
      std::cerr << "error: " << e.what() << "\n";
      return 2;
    }
    return 0;
  }
  // One run per racer (run/race.hpp), one after the other; a spec without racers is one run whose
  // lines carry no racer tag.
  std::vector<optlab::RacerSpec> racers;
  bool race = false;
  try {
    const optlab::Json spec = optlab::parse_json_text(text.str());
    race = optlab::has_racers(spec);
    if (race) racers = optlab::expand_race(spec);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  if (!race) racers.push_back(optlab::RacerSpec{0, "", nullptr});
  int status = 0;
  for (const optlab::RacerSpec& racer : racers) {
    std::unique_ptr<optlab::Run> run;
    try {
      run = optlab::make_run(race ? racer.spec.dump() : text.str());
    } catch (const std::exception& e) {
      std::cerr << "error: " << e.what() << "\n";
      return 2;
    }
    auto line = [&](const std::string& l) { return race ? optlab::racer_line(l, racer.index, racer.label) : l; };
    optlab::Index printed = 0;
    auto flush = [&] {
      for (; printed < run->record_count(); ++printed) std::cout << line(run->json_line(printed)) << "\n";
    };
    flush();
    while (!run->done()) {
      run->advance(1000);
      flush();
    }
    for (const std::string& l : run->final_lines()) std::cout << line(l) << "\n";
    std::cout << line(run->summary_line()) << std::endl;
    if (!run->diverged().empty()) {
      std::cerr << "warning: " << (race ? "racer " + std::to_string(racer.index) + " (" + racer.label + "): " : "")
                << run->diverged() << "\n";
      status = 3;
    }
  }
  return status;
}
