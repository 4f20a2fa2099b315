// The browser, as seen from C++: functions implemented in src/platform/manyi_platform.js.
// Asynchronous ones answer through the manyi_on_* exports in src/app/web/exports.cpp.
#pragma once
#include <cstdint>

extern "C" {
int manyi_js_init(void);  // WebGL2 context + listeners on this instance's canvas; 0 if no WebGL2
void manyi_js_init_headless(void); // no WebGL2: only the page-level listeners (network back, visible again)
// The accessible mirror (web/manyi-mirror.js): its new content, and where its focus goes
// (only_if_canvas: only when the canvas has the DOM focus, i.e. ImGui's navigation moved it).
void manyi_js_mirror_update(const char* json);
void manyi_js_mirror_focus(const char* node_id, int only_if_canvas);
void manyi_js_shutdown(void);
void manyi_js_request_frame(void);
void manyi_js_cancel_frame(void);  // drops the frame requested and not yet run
// Glyphs the bundled font lacks, drawn by the browser with the system's fonts (2D canvas).
float manyi_js_glyph_advance(uint32_t codepoint, float em_px);
void manyi_js_glyph_raster(uint32_t codepoint, float em_px, float baseline_px, unsigned char* alpha, int w, int h);
void manyi_js_request_frame_after(double ms); // one frame after ms, unless one is already due by then
double manyi_js_now_ms(void);
void manyi_js_random_bytes(uint8_t* out, int len);
void manyi_js_canvas_focus(void);
void manyi_js_set_cursor(int imgui_mouse_cursor);
void manyi_js_text_field_show(float x, float y, float w, float h, float font_px, int multiline, int max_length,
                              const char* value, const char* placeholder, const char* label,
                              const char* input_mode, const char* autocomplete, const char* node_id);
void manyi_js_open_url(const char* url);
// A file download of `text` (the dashboard's export buttons), made by the loader inside the widget's element.
void manyi_js_download(const char* filename, const char* mime, const char* bytes, int length);
void manyi_js_text_field_move(float x, float y, float w, float h);
void manyi_js_text_field_hide(void);
void manyi_js_log_error(const char* message);
void manyi_js_emit(const char* name, const char* detail_json);
void manyi_js_journal_open(const char* db_name, const char* draft_key);
// The retention purge (docs/decisions.md D20): the ids of delivered records whose delivery is
// older than `before_ms` (answered by manyi_on_purge_candidates); then one IndexedDB transaction
// that adds the aggregates record, deletes the records and adds their change entries, refused
// whole if a record is gone or no longer old and delivered (answered by manyi_on_purge_done).
void manyi_js_purge_select(double before_ms);
void manyi_js_purge_commit(const char* ids_json, const char* aggregate_json, double before_ms);
// draft_key: the draft deleted in the same transaction ("" none), so a response durable in the
// journal never leaves its answers behind as a draft (a crash between the two brought them back).
void manyi_js_journal_put(int request_id, const char* record_json, int strict, const char* draft_key);
// Takes back a response written at the press on Submit whose release did not submit
// (early_submit.cpp): the record goes, with a change entry for the stores that saw it.
void manyi_js_journal_withdraw(const char* id);
// The store image (docs/decisions.md D18): records changed after `mark` (answered through
// manyi_on_journal_removed/_record, then manyi_on_store_caught_up); a write of image and
// description (copied at once; answered by manyi_on_store_saved); the timer of the next write
// (< 0 cancels; fires in an idle period through manyi_on_store_save_due).
void manyi_js_store_catch_up(double mark);
void manyi_js_store_save(const char* meta_json, const unsigned char* image, int size);
void manyi_js_store_save_after(double ms);
// Drafts: the journal database's "drafts" store. Saving "" deletes the draft; a failure is
// logged, never fatal (a draft is a convenience). The draft of `draft_key` is read first when the
// journal opens and handed to manyi_on_draft.
void manyi_js_draft_save(const char* key, const char* json);
void manyi_js_http_send(int request_id, const char* url, const char* method, const char* headers_json,
                        const char* body, int timeout_ms, const char* signing_secret, const char* webhook_id);
// The journal's BroadcastChannel, its keeper lock (every widget asks) and, for an endpoint key
// other than "local", the sender lock of that endpoint. Answers through manyi_on_sender(role):
// 1 = sender of the endpoint, 2 = keeper (docs/decisions.md D22).
void manyi_js_sender_lock(const char* journal, const char* endpoint_key);
void manyi_js_broadcast(const char* json);
void manyi_js_set_timer(double ms);  // < 0 cancels
}
