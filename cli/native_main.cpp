// The native command-line runner: `optlab_native run SPEC.json` (or `-` for standard input).
// Prints one JSON line per logged step and a final summary line, exactly as the WebAssembly runner
// (cli/optlab.mjs) does, since both print the lines the core formats.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "run/catalog.hpp"
#include "run/run.hpp"
#include "run/validate.hpp"

namespace {

int usage() {
  std::cerr << "usage: optlab_native run SPEC.json   (SPEC.json may be - for standard input)\n"
               "       optlab_native default-spec\n"
               "       optlab_native catalog             (every name, option, default and range, as JSON)\n"
               "       optlab_native validate SPECS.jsonl  (one spec per line; one result line each)\n";
  return 2;
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
  if (argc != 3 || (std::string(argv[1]) != "run" && std::string(argv[1]) != "validate")) return usage();
  const bool validate_only = std::string(argv[1]) == "validate";
  const std::string path = argv[2];
  std::stringstream text;
  if (path == "-") {
    text << std::cin.rdbuf();
  } else {
    std::ifstream in(path);
    if (!in) {
      std::cerr << "error: cannot read spec file '" << path << "'\n";
      return 2;
    }
    text << in.rdbuf();
  }
  if (validate_only) {
    std::string line;
    while (std::getline(text, line))
      if (!line.empty()) std::cout << optlab::validate_spec_json(line) << "\n";
    return 0;
  }
  std::unique_ptr<optlab::Run> run;
  try {
    run = optlab::make_run(text.str());
  } catch (const optlab::SpecError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 2;
  }
  optlab::Index printed = 0;
  auto flush = [&] {
    for (; printed < run->record_count(); ++printed) std::cout << run->json_line(printed) << "\n";
  };
  flush();
  while (!run->done()) {
    run->advance(1000);
    flush();
  }
  std::cout << run->summary_line() << std::endl;
  if (!run->diverged().empty()) {
    std::cerr << "warning: " << run->diverged() << "\n";
    return 3;
  }
  return 0;
}
