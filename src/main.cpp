// roadmap: load, understand and carry out education-department roadmaps.
#include "cli.hpp"

int main(int argc, char** argv) {
  roadmap::cli::Context ctx;
  return roadmap::cli::run(argc, argv, ctx);
}
