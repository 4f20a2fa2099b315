// Draws ImGui's draw data with WebGL2 (OpenGL ES 3.0 through emscripten).
//
// Ours rather than the stock imgui_impl_opengl3 backend because the widget owns its GL context:
// nothing else draws in it, so there is no state to back up and restore. The stock backend asks
// for ~15 pieces of GL state per frame with glGetIntegerv/glIsEnabled, and in Chromium each such
// query that the WebGL layer does not cache is a synchronous round trip to the GPU process, which
// first finishes all the drawing queued before it: on a software-rendered kiosk (SwiftShader) the
// thank-you frame spent 10-20 ms waiting in those queries (docs/decisions.md D6). This renderer
// issues no queries at all while drawing, sets the state it needs each frame, and keeps the font
// atlas as a one-channel texture (a quarter of the RGBA copy's bytes to sample).
#pragma once

struct ImDrawData;

namespace manyi {

bool WebglRendererInit();              // program, buffers; false if the shaders did not compile
void WebglRendererShutdown();
void WebglRendererUploadFonts();       // the current ImGui font atlas (Alpha8) as the texture
void WebglRendererDraw(const ImDrawData* data, int fb_width, int fb_height);

} // namespace manyi
