// Bad input gets a clear Russian error naming the file (and the line where there is one), and
// `roadmap import` exits 1 without writing anything.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli.hpp"
#include "importer/importer.hpp"

namespace fs = std::filesystem;
using namespace roadmap;

namespace {

std::string errors(const importer::ImportResult& r) { return diag::render_all(r.diagnostics, i18n::Lang::ru); }

TEST(BadInput, NotAPlan) {
  auto r = importer::import_bytes("Уважаемые коллеги!\nПросим направить отчёт до 1 мая.\n", "letter.txt");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(errors(r).find("letter.txt: ошибка: в файле нет таблицы мероприятий"), std::string::npos) << errors(r);
}

TEST(BadInput, BinaryFile) {
  std::string bytes;
  for (int i = 0; i < 4096; ++i) bytes += static_cast<char>((i * 7919) % 256);
  auto r = importer::import_bytes(bytes, "photo.jpg");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(errors(r).find("photo.jpg: ошибка: это двоичный файл"), std::string::npos) << errors(r);
}

TEST(BadInput, OldWordAndPdf) {
  auto doc = importer::import_bytes(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0'), "plan.doc");
  EXPECT_NE(errors(doc).find("(.doc)"), std::string::npos);
  auto pdf = importer::import_bytes("%PDF-1.7\n...", "plan.pdf");
  EXPECT_NE(errors(pdf).find("PDF"), std::string::npos);
}

TEST(BadInput, TableWithoutDeadlineColumnNamesTheHeaderLine) {
  auto r = importer::import_bytes("План\n\n№\tМероприятие\tОтветственный\n1\tСовещание\tОО\n", "plan.txt");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(errors(r).find("plan.txt:3: ошибка: в таблице нет графы сроков"), std::string::npos) << errors(r);
}

TEST(BadInput, EmptyFile) {
  auto r = importer::import_bytes("", "empty.txt");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(errors(r).find("файл пуст"), std::string::npos);
}

TEST(BadInput, BrokenDocx) {
  fs::path fx = fs::path(ROADMAP_SOURCE_DIR) / "tests/importer/fixtures";
  auto no_doc = importer::import_file((fx / "broken_no_document.docx").string());
  EXPECT_NE(errors(no_doc).find("нет word/document.xml"), std::string::npos) << errors(no_doc);
  auto bad_xml = importer::import_file((fx / "broken_bad_xml.docx").string());
  EXPECT_NE(errors(bad_xml).find("ошибка XML в word/document.xml"), std::string::npos) << errors(bad_xml);
  std::ifstream in(fx / "seed003.docx", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  auto truncated = importer::import_bytes(bytes.substr(0, bytes.size() / 2), "cut.docx");
  EXPECT_FALSE(truncated.ok());
  EXPECT_NE(errors(truncated).find("cut.docx: ошибка: повреждённый файл .docx"), std::string::npos) << errors(truncated);
  auto not_zip = importer::import_bytes("просто текст", "fake.docx");
  EXPECT_NE(errors(not_zip).find("повреждённый файл .docx"), std::string::npos) << errors(not_zip);
}

TEST(BadInput, MissingFileAndFolder) {
  auto missing = importer::import_file("/nonexistent/plan.txt");
  EXPECT_NE(errors(missing).find("/nonexistent/plan.txt: ошибка: файл не найден"), std::string::npos);
  auto folder = importer::import_file(ROADMAP_SOURCE_DIR);
  EXPECT_NE(errors(folder).find("это папка"), std::string::npos);
}

int run_cli(std::vector<std::string> args, std::string& out, std::string& err) {
  std::ostringstream o, e;
  cli::Context ctx;
  ctx.out = &o;
  ctx.err = &e;
  args.insert(args.begin(), "roadmap");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  int rc = cli::run(static_cast<int>(argv.size()), argv.data(), ctx);
  out = o.str();
  err = e.str();
  return rc;
}

TEST(ImportCommand, WritesYamlAndReportsWhatToCheck) {
  fs::path dir = fs::temp_directory_path() / ("roadmap-import-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path in = dir / "plan.txt", out = dir / "plan.yaml";
  std::ofstream(in) << "№\tМероприятие\tСрок\tОтветственный\n1\tСовещание\tмай\tОО\n2\tСеминар\t\t\n";
  std::string o, e;
  EXPECT_EQ(run_cli({"import", in.string(), "-o", out.string()}, o, e), 0) << e;
  ASSERT_TRUE(fs::exists(out));
  std::ifstream yin(out);
  std::string yaml((std::istreambuf_iterator<char>(yin)), {});
  EXPECT_NE(yaml.find("deadline: май  # ПРОВЕРИТЬ: срок взят из объединённой ячейки выше"), std::string::npos) << yaml;
  EXPECT_NE(e.find("Требуют проверки человеком"), std::string::npos) << e;
  EXPECT_NE(e.find("plan.txt:3: предупреждение: срок взят"), std::string::npos) << e;
  // To stdout when no -o is given.
  EXPECT_EQ(run_cli({"import", in.string()}, o, e), 0);
  EXPECT_EQ(o, yaml);
  fs::remove_all(dir);
}

TEST(ImportCommand, ExitsOneOnBadInputAndWritesNothing) {
  fs::path dir = fs::temp_directory_path() / ("roadmap-import-bad-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path in = dir / "letter.txt", out = dir / "out.yaml";
  std::ofstream(in) << "Просто письмо без таблицы.\n";
  std::string o, e;
  EXPECT_EQ(run_cli({"import", in.string(), "-o", out.string()}, o, e), 1);
  EXPECT_NE(e.find("letter.txt: ошибка: в файле нет таблицы мероприятий"), std::string::npos) << e;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(run_cli({"--lang", "en", "import", in.string()}, o, e), 1);
  EXPECT_NE(e.find("error: the file has no table of measures"), std::string::npos) << e;
  fs::remove_all(dir);
}

}  // namespace
