// Draws the demo content's 一图读懂 posters (assets/content/images/*.png) from the text of
// their documents: the title in a red band, one card per 【heading】 paragraph, the
// publishing office at the foot. Not part of the build or of the terminal; run it after
// editing those documents:
//
//   g++ -std=c++20 -O2 scripts/make_demo_images.cpp $(pkg-config --cflags --libs pangocairo) -o /tmp/make_demo_images
//   /tmp/make_demo_images assets/content
//
// Uses cairo + pango (libcairo2-dev, libpango1.0-dev) and nlohmann-json, which the project
// installs anyway (scripts/common.sh), and the Noto Sans CJK SC font.
#include <pango/pangocairo.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace {

struct Poster {
    const char* documentFile;  // documents/2025.json
    const char* key;           // the document drawn
    const char* image;         // images/x.png
    const char* kicker;        // small line above the title
    double hue[3];             // band colour
};

const Poster kPosters[] = {
    {"documents/2025.json", "doc-2025-0015", "images/yitu-yibao-2026.png", "一图读懂 · 医疗保障",
     {0.09, 0.37, 0.66}},
    {"documents/2024.json", "doc-2024-0008", "images/yitu-dibao-2024.png", "一图读懂 · 社会救助",
     {0.75, 0.16, 0.12}},
};

constexpr int kWidth = 1080;
constexpr int kMargin = 64;

PangoLayout* layout(cairo_t* cr, const std::string& text, const char* font, int width) {
    PangoLayout* l = pango_cairo_create_layout(cr);
    PangoFontDescription* d = pango_font_description_from_string(font);
    pango_layout_set_font_description(l, d);
    pango_font_description_free(d);
    pango_layout_set_width(l, width * PANGO_SCALE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_line_spacing(l, 1.3f);
    pango_layout_set_text(l, text.c_str(), -1);
    return l;
}

int height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_pixel_size(l, &w, &h);
    return h;
}

void roundRect(cairo_t* cr, double x, double y, double w, double h, double r) {
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -G_PI / 2, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, G_PI / 2);
    cairo_arc(cr, x + r, y + h - r, r, G_PI / 2, G_PI);
    cairo_arc(cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
    cairo_close_path(cr);
}

// Draws the poster on CR; returns its height. With DRAW false only measures.
int drawPoster(cairo_t* cr, const Poster& p, const nlohmann::json& doc, bool draw) {
    const double* c = p.hue;
    int y = 0;
    // Title band.
    std::string title = doc["title"];
    if (auto colon = title.find("："); colon != std::string::npos) title = title.substr(colon + 3);
    PangoLayout* kicker = layout(cr, p.kicker, "Noto Sans CJK SC Medium 30px", kWidth - 2 * kMargin);
    PangoLayout* heading = layout(cr, title, "Noto Sans CJK SC Bold 64px", kWidth - 2 * kMargin);
    const int bandH = 90 + height(kicker) + 24 + height(heading) + 90;
    if (draw) {
        cairo_set_source_rgb(cr, c[0], c[1], c[2]);
        cairo_rectangle(cr, 0, 0, kWidth, bandH);
        cairo_fill(cr);
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
        cairo_move_to(cr, kMargin, 90);
        pango_cairo_show_layout(cr, kicker);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_move_to(cr, kMargin, 90 + height(kicker) + 24);
        pango_cairo_show_layout(cr, heading);
    }
    g_object_unref(kicker);
    g_object_unref(heading);
    y = bandH + 56;
    // One card per 【heading】 paragraph.
    int number = 0;
    for (const auto& para : doc["body"]) {
        std::string text = para;
        std::string head;
        if (text.rfind("【", 0) == 0) {
            const auto close = text.find("】");
            head = text.substr(3, close - 3);
            text = text.substr(close + 3);
        }
        ++number;
        const int innerW = kWidth - 2 * kMargin - 2 * 40;
        PangoLayout* h = layout(cr, std::to_string(number) + "  " + head, "Noto Sans CJK SC Bold 40px", innerW);
        PangoLayout* b = layout(cr, text, "Noto Sans CJK SC 34px", innerW);
        const int cardH = 36 + height(h) + 20 + height(b) + 40;
        if (draw) {
            cairo_set_source_rgb(cr, 1, 1, 1);
            roundRect(cr, kMargin, y, kWidth - 2 * kMargin, cardH, 24);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, c[0], c[1], c[2]);
            roundRect(cr, kMargin, y, 14, cardH, 7);
            cairo_fill(cr);
            cairo_move_to(cr, kMargin + 40, y + 36);
            pango_cairo_show_layout(cr, h);
            cairo_set_source_rgb(cr, 0.16, 0.16, 0.16);
            cairo_move_to(cr, kMargin + 40, y + 36 + height(h) + 20);
            pango_cairo_show_layout(cr, b);
        }
        g_object_unref(h);
        g_object_unref(b);
        y += cardH + 32;
    }
    // Foot: who publishes it, and that the county is fictional.
    PangoLayout* foot = layout(cr, "临澜县人民政府 政务公开专区\n演示内容：临澜县为虚构地名",
                               "Noto Sans CJK SC 28px", kWidth - 2 * kMargin);
    pango_layout_set_alignment(foot, PANGO_ALIGN_CENTER);
    if (draw) {
        cairo_set_source_rgb(cr, 0.40, 0.40, 0.40);
        cairo_move_to(cr, kMargin, y + 24);
        pango_cairo_show_layout(cr, foot);
    }
    y += 24 + height(foot) + 64;
    g_object_unref(foot);
    return y;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_demo_images CONTENT_DIR\n");
        return 2;
    }
    const std::filesystem::path dir = argv[1];
    for (const Poster& p : kPosters) {
        nlohmann::json doc;
        std::ifstream in(dir / p.documentFile);
        for (const auto& d : nlohmann::json::parse(in))
            if (d["key"] == p.key) doc = d;
        if (doc.is_null()) {
            std::fprintf(stderr, "%s: no document %s\n", p.documentFile, p.key);
            return 1;
        }
        cairo_surface_t* probe = cairo_image_surface_create(CAIRO_FORMAT_RGB24, kWidth, 16);
        cairo_t* measure = cairo_create(probe);
        const int h = drawPoster(measure, p, doc, false);
        cairo_destroy(measure);
        cairo_surface_destroy(probe);

        cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, kWidth, h);
        cairo_t* cr = cairo_create(surface);
        cairo_set_source_rgb(cr, 0.96, 0.94, 0.90);
        cairo_paint(cr);
        drawPoster(cr, p, doc, true);
        cairo_destroy(cr);
        std::filesystem::create_directories(dir / "images");
        const std::string out = (dir / p.image).string();
        if (cairo_surface_write_to_png(surface, out.c_str()) != CAIRO_STATUS_SUCCESS) {
            std::fprintf(stderr, "cannot write %s\n", out.c_str());
            return 1;
        }
        std::printf("%s %dx%d\n", out.c_str(), kWidth, h);
        cairo_surface_destroy(surface);
    }
    return 0;
}
