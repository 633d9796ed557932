from django.urls import path

from dilasa.payments import views

app_name = "payments"

urlpatterns = [
    path("appointments/<int:appointment_id>/pay/", views.pay, name="pay"),
    path("payments/<int:payment_id>/receipt/", views.receipt, name="receipt"),
    path("clinic/payments/", views.clinic_payments, name="clinic"),
    path("clinic/payments/<int:payment_id>/confirm/", views.confirm, name="confirm"),
    path("clinic/payments/<int:payment_id>/reject/", views.reject, name="reject"),
    path("clinic/payments/<int:payment_id>/refund/", views.refund, name="refund"),
]
