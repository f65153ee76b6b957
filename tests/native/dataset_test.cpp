#include <set>

#include "problems/dataset.hpp"
#include "test_support.hpp"

using namespace optlab;

TEST_CASE("every dataset splits into train and test by test_fraction and keeps every class") {
  for (const char* name : {"spiral", "circles", "xor", "gaussians"}) {
    CAPTURE(name);
    DatasetSpec s;
    s.name = name;
    s.classes = std::string(name) == "xor" ? 2 : 3;
    s.samples = 301;
    s.test_fraction = 0.2;
    Dataset d = make_dataset(s, 9);
    CHECK(d.test_x.rows() == 60);
    CHECK(d.train_x.rows() == 241);
    CHECK(d.train_y.size() == 241);
    std::set<int> labels(d.train_y.begin(), d.train_y.end());
    CHECK(static_cast<int>(labels.size()) == s.classes);
    CHECK(d.train_x.allFinite());
  }
}

TEST_CASE("a dataset is a function of its seed") {
  DatasetSpec s;
  Dataset a = make_dataset(s, 3), b = make_dataset(s, 3), c = make_dataset(s, 4);
  CHECK(a.train_x == b.train_x);
  CHECK(a.train_y == b.train_y);
  CHECK(a.train_x != c.train_x);
}

TEST_CASE("xor labels are the sign of x·y (noise 0), circles put classes on separate rings") {
  DatasetSpec s;
  s.name = "xor";
  s.classes = 2;
  s.noise = 0;
  Dataset d = make_dataset(s, 1);
  for (Index i = 0; i < d.train_x.rows(); ++i)
    CHECK((d.train_x(i, 0) * d.train_x(i, 1) > 0) == (d.train_y[static_cast<std::size_t>(i)] == 1));
  s.name = "circles";
  Dataset c = make_dataset(s, 1);
  for (Index i = 0; i < c.train_x.rows(); ++i) {
    const double r = c.train_x.row(i).norm();
    if (c.train_y[static_cast<std::size_t>(i)] == 0) CHECK(r <= 0.6 / 1.6 + 1e-6);
    else CHECK(r >= 1.0 / 1.6 - 1e-6);
  }
}

TEST_CASE("training examples stay in generation order, sorted by class") {
  DatasetSpec s;
  s.name = "gaussians";
  Dataset d = make_dataset(s, 2);
  for (std::size_t i = 1; i < d.train_y.size(); ++i) CHECK(d.train_y[i - 1] <= d.train_y[i]);
}
