from django.http import HttpRequest


def membership(request: HttpRequest) -> dict:
    member = getattr(request, "member", None)
    return {
        "member": member,
        "district": getattr(request, "district", None),
        "is_admin": bool(member and member.has_access("admin")),
        "is_leader": bool(member and member.has_access("leader")),
    }
