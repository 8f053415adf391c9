from django.urls import path

from resets import views

urlpatterns = [
    path("login/", views.login),
    path("password/forgot/", views.forgot_password),
    path("password/reset/", views.reset_password),
]
