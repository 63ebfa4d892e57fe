"""Issue 9, defect 11: on Linux without Qt's xcb libraries the app says in one line what is missing and how to
install it, instead of Qt's own abort. The library lookup is a parameter, so the check runs on any machine."""

from __future__ import annotations

from ui.shell.bootstrap import XCB_LIBRARIES, missing_qt_libraries, qt_libraries_message

X11 = {"DISPLAY": ":0"}


def _without(*absent: str):
    return lambda name: None if name in absent else f"lib{name}.so"


def test_missing_xcb_libraries_are_named_by_their_package():
    missing = missing_qt_libraries(X11, _without("xcb-cursor", "xcb-icccm"), "linux")
    assert missing == ["libxcb-cursor0", "libxcb-icccm4"]


def test_the_message_is_one_line_with_the_install_command():
    message = qt_libraries_message(["libxcb-cursor0", "libxcb-icccm4"])
    assert "\n" not in message
    assert "sudo apt-get install libxcb-cursor0 libxcb-icccm4" in message


def test_nothing_is_missing_when_every_library_is_found():
    assert missing_qt_libraries(X11, _without(), "linux") == []


def test_the_check_asks_for_every_library_qt_needs():
    asked: list[str] = []
    missing_qt_libraries(X11, lambda name: asked.append(name) or "found", "linux")
    assert asked == list(XCB_LIBRARIES) and "xcb-cursor" in asked


def test_no_check_when_qt_will_not_use_xcb():
    nothing = _without(*XCB_LIBRARIES)
    assert missing_qt_libraries({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, nothing, "linux") == []
    assert missing_qt_libraries({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, nothing, "linux") == []
    assert missing_qt_libraries({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, nothing, "linux") == []
    assert missing_qt_libraries({}, nothing, "linux") == []
    assert missing_qt_libraries(X11, nothing, "win32") == []


def test_an_explicit_xcb_platform_is_checked():
    env = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}
    assert missing_qt_libraries(env, _without("xcb-cursor"), "linux") == ["libxcb-cursor0"]
