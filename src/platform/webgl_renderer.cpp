#include "platform/webgl_renderer.h"

#include <GLES3/gl3.h>

#include <cstdio>

#include "imgui.h"

namespace manyi {

// Plain state, as in sokol: one program, one vertex array, two buffers, the font texture.
struct WebglRenderer
{
    GLuint program = 0, vao = 0, vbo = 0, ibo = 0, font = 0;
    GLint  loc_scale = -1, loc_offset = -1, loc_tex = -1;
    GLsizeiptr vbo_size = 0, ibo_size = 0; // bytes allocated, grown as needed (never shrunk)
};
static WebglRenderer r;

static const char* kVertexShader = R"(#version 300 es
uniform vec2 u_scale;
uniform vec2 u_offset;
in vec2 a_pos;
in vec2 a_uv;
in vec4 a_col;
out vec2 v_uv;
out vec4 v_col;
void main() {
    v_uv = a_uv;
    v_col = a_col;
    gl_Position = vec4(a_pos * u_scale + u_offset, 0.0, 1.0);
})";

// The atlas is one channel: coverage. ImGui's white pixel is 255 there, so untextured shapes
// sample 1.0 and keep their vertex colour.
static const char* kFragmentShader = R"(#version 300 es
precision mediump float;
uniform sampler2D u_tex;
in vec2 v_uv;
in vec4 v_col;
out vec4 o_col;
void main() {
    o_col = vec4(v_col.rgb, v_col.a * texture(u_tex, v_uv).r);
})";

// Compile and link status are queried once, at start-up: the only GL queries this file makes.
static GLuint Compile(GLenum type, const char* src)
{
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &src, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok)
    {
        char log[512] = {};
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        std::fprintf(stderr, "manyi: shader did not compile: %s\n", log);
        glDeleteShader(s);
        return 0;
    }
    return s;
}

bool WebglRendererInit()
{
    GLuint vs = Compile(GL_VERTEX_SHADER, kVertexShader), fs = Compile(GL_FRAGMENT_SHADER, kFragmentShader);
    if (!vs || !fs) return false;
    r.program = glCreateProgram();
    glAttachShader(r.program, vs);
    glAttachShader(r.program, fs);
    glBindAttribLocation(r.program, 0, "a_pos");
    glBindAttribLocation(r.program, 1, "a_uv");
    glBindAttribLocation(r.program, 2, "a_col");
    glLinkProgram(r.program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(r.program, GL_LINK_STATUS, &ok);
    if (!ok)
    {
        std::fprintf(stderr, "manyi: shader program did not link\n");
        return false;
    }
    r.loc_scale = glGetUniformLocation(r.program, "u_scale");
    r.loc_offset = glGetUniformLocation(r.program, "u_offset");
    r.loc_tex = glGetUniformLocation(r.program, "u_tex");

    glGenVertexArrays(1, &r.vao);
    glGenBuffers(1, &r.vbo);
    glGenBuffers(1, &r.ibo);
    glBindVertexArray(r.vao);
    glBindBuffer(GL_ARRAY_BUFFER, r.vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, r.ibo); // part of the vertex array's state
    glEnableVertexAttribArray(0);
    glEnableVertexAttribArray(1);
    glEnableVertexAttribArray(2);
    glBindVertexArray(0);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "manyi_webgl2";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset; // attribute offsets stand in for a base vertex
    return true;
}

void WebglRendererShutdown()
{
    if (r.font) glDeleteTextures(1, &r.font);
    if (r.vbo) glDeleteBuffers(1, &r.vbo);
    if (r.ibo) glDeleteBuffers(1, &r.ibo);
    if (r.vao) glDeleteVertexArrays(1, &r.vao);
    if (r.program) glDeleteProgram(r.program);
    r = WebglRenderer{};
    ImGui::GetIO().Fonts->SetTexID(0);
}

void WebglRendererUploadFonts()
{
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas->GetTexDataAsAlpha8(&pixels, &w, &h);
    if (!r.font) glGenTextures(1, &r.font);
    glBindTexture(GL_TEXTURE_2D, r.font);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1); // rows of an odd width are not padded
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    atlas->SetTexID((ImTextureID)(intptr_t)r.font);
}

// Points the attributes at vertex `first` of the bound buffer (WebGL2 has no base-vertex draw).
static void PointAttributes(unsigned first)
{
    const GLsizei stride = sizeof(ImDrawVert);
    const char* base = (const char*)(uintptr_t)(first * sizeof(ImDrawVert));
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, base + offsetof(ImDrawVert, pos));
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, base + offsetof(ImDrawVert, uv));
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, base + offsetof(ImDrawVert, col));
}

// Grows a buffer to hold `bytes`, with room to spare so that it is rarely reallocated.
static void Reserve(GLenum target, GLsizeiptr* size, GLsizeiptr bytes)
{
    if (bytes <= *size) return;
    *size = bytes + bytes / 2;
    glBufferData(target, *size, nullptr, GL_STREAM_DRAW);
}

void WebglRendererDraw(const ImDrawData* data, int fb_width, int fb_height)
{
    if (!r.program || !data || fb_width <= 0 || fb_height <= 0 || data->TotalVtxCount == 0) return;
    const ImVec2 clip_off = data->DisplayPos, clip_scale = data->FramebufferScale;

    // Everything this frame needs, set outright: nothing else uses the context.
    glViewport(0, 0, fb_width, fb_height);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(r.program);
    const float L = data->DisplayPos.x, T = data->DisplayPos.y;
    const float W = data->DisplaySize.x, H = data->DisplaySize.y;
    glUniform2f(r.loc_scale, 2.0f / W, -2.0f / H);
    glUniform2f(r.loc_offset, -1.0f - L * 2.0f / W, 1.0f + T * 2.0f / H);
    glUniform1i(r.loc_tex, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(r.vao);
    glBindBuffer(GL_ARRAY_BUFFER, r.vbo);

    // One upload for the whole frame: every list's vertices, then every list's indices.
    Reserve(GL_ARRAY_BUFFER, &r.vbo_size, (GLsizeiptr)data->TotalVtxCount * (GLsizeiptr)sizeof(ImDrawVert));
    Reserve(GL_ELEMENT_ARRAY_BUFFER, &r.ibo_size, (GLsizeiptr)data->TotalIdxCount * (GLsizeiptr)sizeof(ImDrawIdx));
    unsigned vtx_at = 0, idx_at = 0;
    for (int n = 0; n < data->CmdListsCount; n++)
    {
        const ImDrawList* list = data->CmdLists[n];
        glBufferSubData(GL_ARRAY_BUFFER, (GLintptr)vtx_at * sizeof(ImDrawVert), list->VtxBuffer.Size * sizeof(ImDrawVert), list->VtxBuffer.Data);
        glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, (GLintptr)idx_at * sizeof(ImDrawIdx), list->IdxBuffer.Size * sizeof(ImDrawIdx), list->IdxBuffer.Data);
        vtx_at += (unsigned)list->VtxBuffer.Size;
        idx_at += (unsigned)list->IdxBuffer.Size;
    }

    GLuint bound_tex = 0;
    unsigned list_vtx = 0, list_idx = 0, pointed_at = ~0u;
    for (int n = 0; n < data->CmdListsCount; n++)
    {
        const ImDrawList* list = data->CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer)
        {
            if (cmd.UserCallback) continue; // the widget draws no callbacks
            const float x0 = (cmd.ClipRect.x - clip_off.x) * clip_scale.x, y0 = (cmd.ClipRect.y - clip_off.y) * clip_scale.y;
            const float x1 = (cmd.ClipRect.z - clip_off.x) * clip_scale.x, y1 = (cmd.ClipRect.w - clip_off.y) * clip_scale.y;
            if (x1 <= x0 || y1 <= y0 || cmd.ElemCount == 0) continue;
            glScissor((GLint)x0, (GLint)(fb_height - y1), (GLsizei)(x1 - x0), (GLsizei)(y1 - y0));
            const GLuint tex = (GLuint)(intptr_t)cmd.GetTexID();
            if (tex != bound_tex) glBindTexture(GL_TEXTURE_2D, bound_tex = tex);
            if (list_vtx + cmd.VtxOffset != pointed_at) PointAttributes(pointed_at = list_vtx + cmd.VtxOffset);
            glDrawElements(GL_TRIANGLES, (GLsizei)cmd.ElemCount, sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                           (const void*)(uintptr_t)((list_idx + cmd.IdxOffset) * sizeof(ImDrawIdx)));
        }
        list_vtx += (unsigned)list->VtxBuffer.Size;
        list_idx += (unsigned)list->IdxBuffer.Size;
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST); // the next frame's glClear must reach every pixel
}

} // namespace manyi
