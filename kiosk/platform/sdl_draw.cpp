#include "sdl_draw.h"

#include <SDL.h>

#include <cmath>

#include "imgui.h"

namespace zwgk {
namespace {

// ImGui's PrimRect/PrimRectUV emit four vertices (top-left, top-right, bottom-right,
// bottom-left) and the indices a,b,c, a,c,d. Recognise that pattern.
struct Quad {
    const ImDrawVert* v[4];  // corners in ImGui's order
};

bool matchQuad(const ImDrawIdx* idx, const ImDrawVert* vtx, Quad& quad) {
    if (idx[0] != idx[3] || idx[2] != idx[4]) return false;
    const ImDrawVert& a = vtx[idx[0]];
    const ImDrawVert& b = vtx[idx[1]];
    const ImDrawVert& c = vtx[idx[2]];
    const ImDrawVert& d = vtx[idx[5]];
    if (a.col != b.col || a.col != c.col || a.col != d.col) return false;
    // Axis-aligned, in ImGui's winding: a─b on top, d─c at the bottom.
    if (a.pos.y != b.pos.y || d.pos.y != c.pos.y || a.pos.x != d.pos.x || b.pos.x != c.pos.x) return false;
    if (!(a.pos.x < b.pos.x && a.pos.y < d.pos.y)) return false;
    quad = {{&a, &b, &c, &d}};
    return true;
}

bool isSolid(const Quad& q) {
    // A solid fill samples ImGui's white pixel at every corner.
    return q.v[0]->uv.x == q.v[2]->uv.x && q.v[0]->uv.y == q.v[2]->uv.y && q.v[0]->uv.x == q.v[1]->uv.x &&
           q.v[0]->uv.y == q.v[3]->uv.y;
}

bool isAlignedUv(const Quad& q) {
    return q.v[0]->uv.y == q.v[1]->uv.y && q.v[3]->uv.y == q.v[2]->uv.y && q.v[0]->uv.x == q.v[3]->uv.x &&
           q.v[1]->uv.x == q.v[2]->uv.x;
}

void setColor(SDL_Renderer* renderer, ImU32 col) {
    SDL_SetRenderDrawColor(renderer, col & 0xFF, (col >> 8) & 0xFF, (col >> 16) & 0xFF, (col >> 24) & 0xFF);
}

// Triangles between fast-path quads, drawn together to keep draw order.
struct Batch {
    SDL_Renderer* renderer;        // target
    SDL_Texture* texture;          // the command's texture
    const ImDrawVert* vertices;    // the list's vertex buffer
    int vertexCount;               // its size
    const ImDrawIdx* first = nullptr;  // first pending index
    int count = 0;                 // pending indices

    void add(const ImDrawIdx* idx, int n) {
        if (!first) first = idx;
        count += n;
    }
    void flush(DrawStats& stats) {
        if (count == 0) return;
        // Glyph blits tint the texture; geometry takes its colours from the vertices.
        if (texture) {
            SDL_SetTextureColorMod(texture, 255, 255, 255);
            SDL_SetTextureAlphaMod(texture, 255);
        }
        const int stride = static_cast<int>(sizeof(ImDrawVert));
        // SDL_Color and ImU32 share the byte order R, G, B, A in memory.
        SDL_RenderGeometryRaw(renderer, texture, &vertices->pos.x, stride,
                              reinterpret_cast<const SDL_Color*>(&vertices->col), stride, &vertices->uv.x, stride,
                              vertexCount, first, count, sizeof(ImDrawIdx));
        stats.triangles += count / 3;
        first = nullptr;
        count = 0;
    }
};

}  // namespace

DrawStats renderDrawData(SDL_Renderer* renderer, ImDrawData* data) {
    DrawStats stats;
    if (!data || data->DisplaySize.x <= 0 || data->DisplaySize.y <= 0) return stats;
    SDL_RenderSetViewport(renderer, nullptr);
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    const ImVec2 origin = data->DisplayPos;
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        const ImDrawVert* vertices = list->VtxBuffer.Data;
        const ImDrawIdx* indices = list->IdxBuffer.Data;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) continue;  // none in this program
            const ImVec2 clipMin(std::fmax(0.0f, cmd.ClipRect.x - origin.x), std::fmax(0.0f, cmd.ClipRect.y - origin.y));
            const ImVec2 clipMax(std::fmin(data->DisplaySize.x, cmd.ClipRect.z - origin.x),
                                 std::fmin(data->DisplaySize.y, cmd.ClipRect.w - origin.y));
            if (clipMax.x <= clipMin.x || clipMax.y <= clipMin.y) continue;
            const SDL_Rect clip = {static_cast<int>(clipMin.x), static_cast<int>(clipMin.y),
                                   static_cast<int>(clipMax.x - clipMin.x), static_cast<int>(clipMax.y - clipMin.y)};
            SDL_RenderSetClipRect(renderer, &clip);
            SDL_Texture* texture = reinterpret_cast<SDL_Texture*>(cmd.GetTexID());
            int texW = 1, texH = 1;
            if (texture) SDL_QueryTexture(texture, nullptr, nullptr, &texW, &texH);
            const ImDrawVert* base = vertices + cmd.VtxOffset;
            Batch batch{renderer, texture, base, list->VtxBuffer.Size - static_cast<int>(cmd.VtxOffset)};
            const ImDrawIdx* idx = indices + cmd.IdxOffset;
            const ImDrawIdx* end = idx + cmd.ElemCount;
            while (idx < end) {
                Quad quad;
                if (end - idx >= 6 && matchQuad(idx, base, quad)) {
                    const ImVec2 p0 = quad.v[0]->pos, p2 = quad.v[2]->pos;
                    const SDL_FRect dst = {p0.x - origin.x, p0.y - origin.y, p2.x - p0.x, p2.y - p0.y};
                    const ImU32 col = quad.v[0]->col;
                    if (isSolid(quad)) {
                        batch.flush(stats);
                        setColor(renderer, col);
                        SDL_RenderFillRectF(renderer, &dst);
                        ++stats.rects;
                        idx += 6;
                        continue;
                    }
                    if (texture && isAlignedUv(quad)) {
                        const ImVec2 t0 = quad.v[0]->uv, t2 = quad.v[2]->uv;
                        const SDL_Rect src = {static_cast<int>(std::lround(t0.x * texW)),
                                              static_cast<int>(std::lround(t0.y * texH)),
                                              static_cast<int>(std::lround((t2.x - t0.x) * texW)),
                                              static_cast<int>(std::lround((t2.y - t0.y) * texH))};
                        if (src.w > 0 && src.h > 0) {
                            batch.flush(stats);
                            SDL_SetTextureColorMod(texture, col & 0xFF, (col >> 8) & 0xFF, (col >> 16) & 0xFF);
                            SDL_SetTextureAlphaMod(texture, (col >> 24) & 0xFF);
                            SDL_RenderCopyF(renderer, texture, &src, &dst);
                            ++stats.copies;
                            idx += 6;
                            continue;
                        }
                    }
                }
                batch.add(idx, 3);
                idx += 3;
            }
            batch.flush(stats);
            if (texture) {
                SDL_SetTextureColorMod(texture, 255, 255, 255);
                SDL_SetTextureAlphaMod(texture, 255);
            }
        }
    }
    SDL_RenderSetClipRect(renderer, nullptr);
    return stats;
}

}  // namespace zwgk
