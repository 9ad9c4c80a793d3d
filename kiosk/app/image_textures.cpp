#include "image_textures.h"
#include "event_log.h"

#include <algorithm>

#include "store.h"

namespace zwgk {

const ImageTexture& ImageTextures::get(const Store& store, int64_t documentId, int position, int maxSide) {
    const auto key = std::make_tuple(documentId, position, maxSide);
    auto it = entries_.find(key);
    if (it != entries_.end()) {
        it->second.lastUsed = frame_;
        return it->second.texture;
    }
    Entry entry;
    entry.lastUsed = frame_;
    ImageTexture& t = entry.texture;
    int side = kMaxSide;
    if (host_ && host_->maxTextureSide() > 0) side = std::min(side, host_->maxTextureSide());
    if (maxSide > 0) side = std::min(side, maxSide);
    if (!host_) {
        t.problem = "no renderer to make textures with";
    } else if (auto image = store.attachmentImage(documentId, position)) {
        std::string problem;
        if (auto decoded = decodeImage(image->bytes, side, problem)) {
            t.id = host_->createTexture(*decoded);
            t.width = decoded->width;
            t.height = decoded->height;
            if (!t.id) t.problem = "the renderer could not make a texture";
        } else {
            t.problem = image->file + ": " + problem;
        }
    } else {
        t.problem = "the store has no image for this attachment";
    }
    if (!t.problem.empty())
        logs::warn("image.unusable", {{"document", documentId}, {"attachment", position}, {"detail", t.problem}});
    return entries_.emplace(key, std::move(entry)).first->second.texture;
}

void ImageTextures::endFrame() {
    for (auto it = entries_.begin(); it != entries_.end();) {
        if (it->second.lastUsed < frame_) {
            if (it->second.texture.id && host_) host_->destroyTexture(it->second.texture.id);
            it = entries_.erase(it);
        } else {
            ++it;
        }
    }
    ++frame_;
}

void ImageTextures::clear() {
    for (auto& [key, entry] : entries_)
        if (entry.texture.id && host_) host_->destroyTexture(entry.texture.id);
    entries_.clear();
}

}  // namespace zwgk
