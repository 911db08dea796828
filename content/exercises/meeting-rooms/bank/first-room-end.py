def min_rooms(meetings):
    ordered = sorted(meetings)
    room_ends = [ordered[0][1]]
    for start, end in ordered[1:]:
        for i in range(len(room_ends)):
            if room_ends[i] <= start:
                room_ends[i] = end
                break
        else:
            room_ends.append(end)
    return len(room_ends)
