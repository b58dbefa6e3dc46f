from lib import rooms


def test_a_room_shares_the_view_and_counts_changes():
    r = rooms.Rooms()
    token = r.new_token()
    assert r.get(token) == (0, None)
    view = rooms.View("map", {"metric": "practices"}, "T", "c", 1, 3)
    v1 = r.publish(token, view)
    assert r.publish(token, view) == v1  # the same view again: no change
    v2 = r.publish(token, rooms.View("heatmap", {}, "T", "c", 2, 3))
    assert v2 == v1 + 1 and r.get(token)[1].page == "heatmap"


def test_rooms_are_bounded():
    r = rooms.Rooms()
    for i in range(rooms.MAX_ROOMS + 5):
        r.publish(f"room{i:06d}", rooms.View("map", {}))
    assert len(r._views) == rooms.MAX_ROOMS
