from django.urls import path

from . import conflict_views, views

app_name = "sync"

urlpatterns = [
    path("sync/", views.status, name="status"),
    path("sync/nodes/enrol/", views.enrol, name="node_enrol"),
    path("sync/nodes/<uuid:pk>/revoke/", views.revoke, name="node_revoke"),
    path("sync/nodes/<uuid:pk>/rekey/", views.rekey, name="node_rekey"),
    path("sync/nodes/<uuid:pk>/chain/", views.chain, name="node_chain"),
    path("sync/conflicts/", conflict_views.conflict_list, name="conflicts"),
    path(
        "sync/conflicts/<uuid:pk>/resolve/",
        conflict_views.conflict_resolve,
        name="conflict_resolve",
    ),
    # The node protocol: signed by the post's key, answered signed by HQ.
    path("sync/node/push", views.node_push, name="node_push"),
    path("sync/node/pull", views.node_pull, name="node_pull"),
    path("sync/node/state", views.node_state, name="node_state"),
    path("sync/node/history", views.node_history, name="node_history"),
]
