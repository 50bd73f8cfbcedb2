"""Writes the photo fixtures PhotoTests reads: real image files carrying the
metadata a phone writes (EXIF GPS position, camera make, model and serial,
XMP, comments), in every format Gongshi takes, and files it must refuse.

    pip install --break-system-packages pillow piexif pillow-heif
    python3 make.py            # here; exiftool (Debian libimage-exiftool-perl) checks them

The tests read only the committed files; none of these tools is needed to run them.
"""
import io
import piexif
import pillow_heif
from PIL import Image, ImageDraw, PngImagePlugin

pillow_heif.register_heif_opener()

# 聊城 (Liaocheng): 36°27'N 115°59'E, the position a phone would record.
GPS = {
    piexif.GPSIFD.GPSLatitudeRef: b"N",
    piexif.GPSIFD.GPSLatitude: ((36, 1), (27, 1), (3456, 100)),
    piexif.GPSIFD.GPSLongitudeRef: b"E",
    piexif.GPSIFD.GPSLongitude: ((115, 1), (59, 1), (1234, 100)),
    piexif.GPSIFD.GPSAltitude: (34, 1),
}


def exif(orientation=1):
    return piexif.dump({
        "0th": {
            piexif.ImageIFD.Make: b"GongshiPhone",
            piexif.ImageIFD.Model: b"Model X",
            piexif.ImageIFD.Orientation: orientation,
            piexif.ImageIFD.DateTime: b"2018:08:16 09:30:00",
        },
        "Exif": {
            piexif.ExifIFD.BodySerialNumber: b"SERIAL-0042-LIAOCHENG",
            piexif.ExifIFD.DateTimeOriginal: b"2018:08:16 09:30:00",
        },
        "GPS": GPS,
    })


XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="36,27.576N" '
       b'exif:GPSLongitude="115,59.206E"/></rdf:RDF></x:xmpmeta>')


def scene(width, height, alpha=False):
    """A drawing like the example's: a building, a power box, two volunteers."""
    mode = "RGBA" if alpha else "RGB"
    image = Image.new(mode, (width, height), (150, 190, 230, 0) if alpha else (150, 190, 230))
    d = ImageDraw.Draw(image)
    s = width / 480
    d.rectangle([0, 250 * s * height / width * 1.5, width, height], fill=(200, 190, 170, 255))
    d.rectangle([30 * s, 40 * s, 210 * s, 260 * s], fill=(190, 180, 160, 255))
    for row in range(3):
        for col in range(3):
            x, y = (45 + col * 55) * s, (55 + row * 50) * s
            d.rectangle([x, y, x + 40 * s, y + 35 * s], fill=(110, 140, 180, 255))
    d.rectangle([225 * s, 120 * s, 305 * s, 230 * s], fill=(120, 120, 120, 255))
    for x in (320, 390):
        d.ellipse([(x + 5) * s, 118 * s, (x + 35) * s, 148 * s], fill=(240, 200, 160, 255))
        d.rectangle([x * s, 148 * s, (x + 40) * s, 215 * s], fill=(220, 50, 50, 255))
    return image


# A phone's JPEG: 1600 × 1200, EXIF with GPS and serial, XMP, a comment.
jpeg = io.BytesIO()
scene(1600, 1200).save(jpeg, "JPEG", quality=70, exif=exif(), comment=b"camera serial SERIAL-0042")
data = jpeg.getvalue()
# XMP as its own APP1 segment, after the EXIF one.
xmp = b"http://ns.adobe.com/xap/1.0/\x00" + XMP
segment = b"\xff\xe1" + (len(xmp) + 2).to_bytes(2, "big") + xmp
open("gps.jpg", "wb").write(data[:2] + segment + data[2:])

# Taken with the phone on its side: stored 1200 wide and 900 high, EXIF orientation 6 (turn 90° clockwise).
scene(1200, 900).save("sideways.jpg", "JPEG", quality=60, exif=exif(orientation=6))

# A small JPEG: narrower than the phone size, never enlarged.
scene(480, 320).save("small.jpg", "JPEG", quality=70, exif=exif())

# PNG with transparency, an eXIf chunk and text chunks.
info = PngImagePlugin.PngInfo()
info.add_text("Comment", "GPS 36.4596N 115.9868E")
info.add_itxt("XML:com.adobe.xmp", XMP.decode())
scene(900, 600, alpha=True).save("transparent.png", "PNG", pnginfo=info, exif=exif())

# A screenshot saved with an alpha channel that is opaque everywhere: published as JPEG.
opaque = scene(1000, 700).convert("RGBA")
opaque.save("opaque.png", "PNG", pnginfo=info, exif=exif())

# WebP with EXIF and XMP.
scene(1400, 1000).save("phone.webp", "WEBP", quality=60, exif=exif(), xmp=XMP)

# HEIC, as an iPhone writes it, with EXIF.
scene(1500, 1000).save("iphone.heic", "HEIF", quality=50, exif=exif())

# An animated GIF with a comment: stays a GIF, every frame.
frames = []
for i in range(3):
    frame = scene(800, 500)
    ImageDraw.Draw(frame).rectangle([10 + i * 40, 10, 40 + i * 40, 40], fill=(255, 255, 0))
    frames.append(frame.convert("P", palette=Image.ADAPTIVE))
frames[0].save("moving.gif", save_all=True, append_images=frames[1:], duration=200, loop=0, comment=b"GPS 36.4596N")

# Refused or unreadable.
open("drawing.svg", "w").write('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                               '<script>alert(1)</script><rect width="10" height="10"/></svg>')
open("truncated.jpg", "wb").write(data[: len(data) // 3])
# A Word document renamed .jpg: no image at all.
open("notaphoto.jpg", "wb").write(b"PK\x03\x04" + "这不是照片，是改了扩展名的文档".encode() * 20)
scene(120, 80).save("scan.tif", "TIFF", compression="tiff_deflate")
