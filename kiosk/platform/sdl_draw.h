// Draws ImGui's output with SDL_Renderer, replacing the stock backend's RenderDrawData.
// SDL 2.26's software renderer rasterises every triangle over its whole bounding box
// through a generic per-pixel path, so the stock backend spends ~34 ms a frame on a
// 1080p screen of cards and text. Here axis-aligned solid rectangles (ImGui's PrimRect:
// backgrounds, bars, card bodies) become SDL_RenderFillRect and axis-aligned textured
// quads (glyphs) become SDL_RenderCopy, both blitted row by row; everything else still
// goes through SDL_RenderGeometry in draw order.
#pragma once

struct SDL_Renderer;
struct ImDrawData;

namespace zwgk {

struct DrawStats {
    int rects = 0;       // solid rectangles filled directly
    int copies = 0;      // textured quads blitted
    int triangles = 0;   // triangles left to SDL_RenderGeometry
};

DrawStats renderDrawData(SDL_Renderer* renderer, ImDrawData* data);

}  // namespace zwgk
