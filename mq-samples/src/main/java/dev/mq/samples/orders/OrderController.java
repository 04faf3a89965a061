package dev.mq.samples.orders;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /orders}: 201 with the created order, 422 with the reason when it is refused. */
@RestController
public class OrderController {

    private final OrderService service;

    /** A controller over the order service. */
    public OrderController(OrderService service) {
        this.service = service;
    }

    /** Places an order. */
    @PostMapping("/orders")
    public ResponseEntity<OrderCreated> place(@RequestBody NewOrder order) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.place(order));
    }

    /** A refused order. */
    @ExceptionHandler(InvalidOrderException.class)
    public ResponseEntity<Map<String, String>> refused(InvalidOrderException e) {
        return ResponseEntity.status(422).body(Map.of("error", e.getMessage()));
    }
}
