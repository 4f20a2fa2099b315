#!/usr/bin/python3
# Writes the app icons (a green smiling face on white, the "satisfied" grade) as PNG files:
#   make_icons.py OUT_DIR        -> OUT_DIR/manyi-192.png, manyi-512.png, manyi-maskable-512.png
# Drawn here with plain math (anti-aliased by 4x4 supersampling) and written with zlib, so the
# build needs no image tool. Maskable: the face sits inside the 80% safe zone on a full bleed.
import math, os, struct, sys, zlib

GREEN = (29, 122, 72)
WHITE = (255, 255, 255)

def coverage(x, y, size, maskable):
    """Which colour the point (x, y) in [0, size) falls on: 'bg', 'face' or 'ink'."""
    c = size / 2.0
    r = size * (0.36 if maskable else 0.46)
    dx, dy = x - c, y - c
    d = math.hypot(dx, dy)
    if d > r:
        return 'bg'
    # eyes
    for ex in (-0.33, 0.33):
        if math.hypot(dx - ex * r, dy + 0.22 * r) < 0.11 * r:
            return 'ink'
    # smile: an arc band below the centre
    sd = math.hypot(dx, dy + 0.05 * r)
    if 0.50 * r < sd < 0.62 * r and dy > 0.12 * r:
        return 'ink'
    return 'face'

def render(size, maskable):
    colours = {'bg': GREEN if maskable else WHITE, 'face': GREEN, 'ink': WHITE}
    if not maskable:
        colours['bg'] = None  # transparent
    rows = []
    n = 4
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(n):
                for sx in range(n):
                    col = colours[coverage(x + (sx + 0.5) / n, y + (sy + 0.5) / n, size, maskable)]
                    if col is not None:
                        acc[0] += col[0]; acc[1] += col[1]; acc[2] += col[2]; acc[3] += 255
            a = acc[3] / (n * n)
            if a > 0:
                k = acc[3] / 255.0
                row += bytes((round(acc[0] / k), round(acc[1] / k), round(acc[2] / k), round(a)))
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))
    return b''.join(rows)

def png(size, pixels):
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)
    header = struct.pack('>IIBBBBB', size, size, 8, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(pixels, 9)) + chunk(b'IEND', b'')

def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for name, size, maskable in (('manyi-192.png', 192, False), ('manyi-512.png', 512, False), ('manyi-maskable-512.png', 512, True)):
        path = os.path.join(out, name)
        if not os.path.exists(path) or os.path.getmtime(path) < os.path.getmtime(__file__):
            with open(path, 'wb') as f:
                f.write(png(size, render(size, maskable)))

main()
